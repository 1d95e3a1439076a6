import type { HelpContent } from '@portalflow/store';

/** The demo clinic's help site: `/help/riverside`. */
export const DEMO_HELP_CLINIC = { slug: 'riverside', name: 'Riverside Community Health' };

/** A clinic-made video in examples/help-media: the file, and a captions file per language. */
export interface SeedVideo {
  file: string;
  captions: Record<string, string>;
}

type Seed = Omit<HelpContent, 'videoUrl' | 'tags' | 'video'> & {
  tags?: string[];
  videoUrl?: string;
  draft?: boolean;
  clip?: SeedVideo;
};

const REFILL_CLIP: SeedVideo = {
  file: 'refill-request.webm',
  captions: { en: 'refill-request.en.vtt', es: 'refill-request.es.vtt' },
};
/** The same clip with its words on screen in Spanish. */
const RESURTIDO_CLIP: SeedVideo = { ...REFILL_CLIP, file: 'refill-request.es.webm' };

const faq =
  (audience: Seed['audience'], language: string) =>
  (category: string, title: string, body: string, tags: string[] = [], extra: Partial<Seed> = {}): Seed => ({
    kind: 'faq',
    audience,
    language,
    category,
    title,
    body,
    tags,
    ...extra,
  });
const patient = faq('patients', 'en');
const paciente = faq('patients', 'es');
const staff = faq('staff', 'en');

/**
 * Plain-language answers for patients (English and Spanish) and job aids for staff, written from the
 * clinic workflows in examples/: lockouts, activation codes, proxy access, reply times, results.
 * The demo works offline: its one video is the clinic-made refill clip bundled in examples/help-media,
 * and no answer links to a video elsewhere (a clinic adds its own clips or links).
 */
export const DEMO_HELP_ENTRIES: Seed[] = [
  patient(
    'Signing in',
    'I forgot my password. How do I reset it?',
    'On the sign-in page, choose **Forgot password**. We send a link to the email you gave us. The link works for 30 minutes.\n\nNo email from us? Check your spam folder, then call the front desk at **(555) 010-2000**.',
    ['password', 'reset', 'login', 'sign in', 'username', 'email'],
  ),
  patient(
    'Signing in',
    'My account is locked',
    'After **5 wrong passwords** in a row, the portal locks your account to keep it safe.\n\n- Wait 15 minutes and try again, or\n- Call the front desk at (555) 010-2000. We will ask your name, date of birth and address, then unlock it.\n\nThe IT help desk cannot unlock accounts: only the front desk can check who you are.',
    ['lockout', 'locked', 'password', 'login'],
  ),
  patient(
    'Getting started',
    'How do I sign up for the portal?',
    'Ask for the portal at check-in, or look at the bottom of your visit summary. You can sign up two ways:\n\n1. **By email**: we send you a link. Open it and make a password.\n2. **With an activation code**: type the code and your date of birth at the sign-up page.\n\nOur enrollment specialist can help you sign up on a tablet in the waiting room.',
    ['sign up', 'register', 'enroll', 'activation', 'account'],
  ),
  patient(
    'Getting started',
    'My activation code expired or does not work',
    'Activation codes work for **30 days**, one time only. If yours expired or the portal says it is not valid, call the front desk at (555) 010-2000 or ask at your next visit. We will give you a new code.\n\nType the code exactly as printed. The letter O and the number 0 look alike.',
    ['activation', 'code', 'expired', 'enroll'],
  ),
  patient(
    'Getting started',
    'I do not have an email address. Can I still use the portal?',
    'Yes. Ask for an **activation code** at the front desk. You can sign up with the code and your date of birth. Later, you can add an email to get reminders.',
    ['email', 'activation', 'sign up'],
  ),
  patient(
    'Messages',
    'How soon will I get an answer to my message?',
    'We answer portal messages within **2 business days** (Monday to Friday, not holidays). Messages sent on a weekend are read on Monday.\n\n**Do not use messages for emergencies.** Call 911. For symptoms that cannot wait, call our nurse line at (555) 010-2100.',
    ['message', 'reply', 'response time', 'business days'],
  ),
  patient(
    'Messages',
    'Can I send a message about new or urgent symptoms?',
    'Please call instead. A nurse will call you back the same day. Nurses do not check symptoms by message, because they need to talk with you.\n\nAfter hours, the portal shows the nurse line number. In an emergency, call 911.',
    ['urgent', 'symptoms', 'nurse', 'after hours'],
  ),
  patient(
    'Results',
    'When will I see my lab results?',
    'Most results show in the portal **as soon as they are final**. This means you may see a result before your provider has looked at it.\n\n- Your provider or nurse will explain your results within 2 to 3 business days.\n- If a result needs quick action, we will **call** you.\n\nQuestions about a result? Send a message from the result page.',
    ['lab', 'results', 'test'],
  ),
  patient(
    'Family and caregivers',
    "Can I see my child's or my parent's records? (proxy access)",
    'Yes, with **proxy access**. Fill out the proxy form at the front desk and bring a photo ID.\n\n- Parents of children up to age 12 get full access.\n- For teens 13 to 17, some information stays private between the teen and the provider.\n- A step-parent needs a parent to sign too. A guardian brings the court papers.\n- Access for an adult family member lasts 18 months; then you renew it.\n\nProxy access for a child ends at age 18.',
    ['proxy', 'caregiver', 'parent', 'child', 'family'],
  ),
  patient(
    'Prescriptions',
    'How do I ask for a prescription refill?',
    'Choose **Request a refill** in the portal, or ask your pharmacy to send us the request. Please allow **3 business days**.\n\nIf we have not seen you in the last 12 months, we may ask you to make an appointment first. Some medicines can only be refilled by your provider.',
    ['refill', 'prescription', 'medicine', 'medication', 'meds', 'pharmacy'],
    { clip: REFILL_CLIP },
  ),
  patient(
    'Appointments',
    'How do I ask for an appointment?',
    'Choose **Request an appointment**, pick the reason and a few times that work for you. Our schedulers answer within 1 business day with a time, or with other choices.\n\nNeed to cancel or move an appointment? Call the front desk at (555) 010-2000, a day ahead if you can, so another patient can have the time.',
    ['appointment', 'schedule', 'visit', 'cancel', 'reschedule', 'change'],
  ),
  patient(
    'Billing',
    'I have a question about my bill',
    'Send a message and choose the topic **Billing**. Our billing team answers within 3 business days. Have your statement nearby. We can help with insurance questions and payment plans.',
    ['bill', 'billing', 'pay', 'payment', 'copay', 'insurance'],
  ),
  {
    kind: 'howto',
    audience: 'patients',
    language: 'en',
    category: 'Signing in',
    title: 'Reset your password in 2 minutes',
    body: '1. Open the portal sign-in page.\n2. Choose **Forgot password**.\n3. Type your email and choose **Send**.\n4. Open the email from Riverside and choose the link.\n5. Make a new password with at least 12 characters.',
    tags: ['password', 'reset'],
  },
  {
    kind: 'howto',
    audience: 'patients',
    language: 'en',
    category: 'Messages',
    title: 'How to send a message to your care team',
    body: '1. Sign in and choose **Messages**.\n2. Choose **New message**.\n3. Pick a topic: medical question, refill, appointment or billing.\n4. Write your question and choose **Send**.\n\nYou get an email when we answer.',
    tags: ['message', 'care team', 'doctor', 'provider', 'question'],
  },
  paciente(
    'Acceso',
    'Olvidé mi contraseña. ¿Cómo la cambio?',
    'En la página de inicio de sesión, elija **Olvidé mi contraseña**. Le enviamos un enlace a su correo. El enlace funciona por 30 minutos.\n\n¿No le llegó? Revise el correo no deseado o llame a la recepción al **(555) 010-2000**.',
    ['contraseña', 'clave', 'acceso', 'entrar', 'usuario', 'correo'],
  ),
  paciente(
    'Primeros pasos',
    'Mi código de activación venció',
    'Los códigos de activación funcionan por **30 días**. Si su código venció, llame a la recepción al (555) 010-2000 o pida uno nuevo en su próxima cita.',
    ['código', 'activación', 'inscripción'],
  ),
  paciente(
    'Resultados',
    '¿Cuándo veré mis resultados de laboratorio?',
    'La mayoría de los resultados aparecen en el portal **en cuanto están listos**, a veces antes de que su proveedor los revise. Su proveedor o enfermera se los explicará en 2 a 3 días hábiles. Si un resultado es urgente, le **llamaremos**.',
    ['resultados', 'laboratorio'],
  ),
  paciente(
    'Mensajes',
    '¿Cuánto tardan en contestar mi mensaje?',
    'Contestamos los mensajes en **2 días hábiles**. **No use los mensajes para emergencias**: llame al 911. Si tiene síntomas que no pueden esperar, llame a la línea de enfermería al (555) 010-2100.',
    ['mensaje', 'respuesta'],
  ),
  paciente(
    'Acceso',
    'Mi cuenta está bloqueada',
    'Si escribe **5 contraseñas equivocadas** seguidas, el portal bloquea su cuenta para protegerla.\n\n- Espere 15 minutos y vuelva a intentar, o\n- Llame a la recepción al (555) 010-2000. Le preguntaremos su nombre, fecha de nacimiento y dirección. Luego la desbloqueamos.\n\nLa mesa de ayuda técnica no puede desbloquear cuentas. Solo la recepción puede confirmar quién es usted.',
    ['bloqueo', 'bloqueada', 'contraseña', 'clave', 'acceso', 'entrar'],
  ),
  paciente(
    'Primeros pasos',
    '¿Cómo me inscribo en el portal?',
    'Pida el portal cuando llegue a su cita, o mire al final del resumen de su visita. Hay dos maneras de inscribirse:\n\n1. **Por correo electrónico**: le mandamos un enlace. Ábralo y haga una contraseña.\n2. **Con un código de activación**: escriba el código y su fecha de nacimiento en la página de inscripción.\n\nNuestra especialista de inscripción le puede ayudar en una tableta en la sala de espera.',
    ['inscripción', 'inscribirse', 'registrarse', 'registro', 'activación', 'cuenta'],
  ),
  paciente(
    'Primeros pasos',
    'No tengo correo electrónico. ¿Puedo usar el portal?',
    'Sí. Pida un **código de activación** en la recepción. Puede inscribirse con el código y su fecha de nacimiento. Más tarde puede agregar un correo para recibir recordatorios.',
    ['correo', 'activación', 'inscripción'],
  ),
  paciente(
    'Mensajes',
    '¿Puedo mandar un mensaje por síntomas nuevos o urgentes?',
    'Por favor, llame. Una enfermera le devolverá la llamada el mismo día. Las enfermeras no revisan síntomas por mensaje, porque necesitan hablar con usted.\n\nFuera del horario, el portal muestra el número de la línea de enfermería. En una emergencia, llame al 911.',
    ['urgente', 'síntomas', 'enfermera', 'fuera de horario'],
  ),
  paciente(
    'Familia y cuidadores',
    '¿Puedo ver el expediente de mi hijo o de mi padre? (acceso de apoderado)',
    'Sí, con **acceso de apoderado**. Llene el formulario en la recepción y traiga una identificación con foto.\n\n- Los padres de niños de hasta 12 años tienen acceso completo.\n- Para jóvenes de 13 a 17 años, alguna información queda privada entre el joven y su proveedor.\n- Un padrastro o madrastra necesita la firma de uno de los padres. Un tutor legal trae los papeles del juzgado.\n- El acceso para un familiar adulto dura 18 meses. Después lo renueva.\n\nEl acceso a la cuenta de un hijo termina cuando cumple 18 años.',
    ['apoderado', 'cuidador', 'padre', 'hijo', 'familia'],
  ),
  paciente(
    'Recetas',
    '¿Cómo pido más de mi medicina (resurtido)?',
    'Elija **Pedir un resurtido** en el portal, o pida a su farmacia que nos mande la solicitud. Espere **3 días hábiles**.\n\nSi no lo hemos visto en los últimos 12 meses, tal vez le pidamos que haga una cita primero. Algunas medicinas solo las puede resurtir su proveedor.',
    ['resurtido', 'receta', 'medicina', 'medicamento', 'farmacia'],
    { clip: RESURTIDO_CLIP },
  ),
  paciente(
    'Citas',
    '¿Cómo pido una cita?',
    'Elija **Pedir una cita**, escoja el motivo y algunas horas que le sirvan. Nuestro personal le contesta en 1 día hábil con una hora, o con otras opciones.\n\n¿Necesita cancelar o cambiar una cita? Llame a la recepción al (555) 010-2000, un día antes si puede, para que otro paciente pueda usar la hora.',
    ['cita', 'horario', 'visita', 'cancelar', 'cambiar'],
  ),
  paciente(
    'Facturas',
    'Tengo una pregunta sobre mi factura',
    'Mande un mensaje y elija el tema **Facturas**. Nuestro equipo de facturación contesta en 3 días hábiles. Tenga su estado de cuenta a la mano. Le ayudamos con preguntas del seguro y planes de pago.',
    ['factura', 'cobro', 'pago', 'pagar', 'copago', 'seguro'],
  ),
  {
    kind: 'howto',
    audience: 'patients',
    language: 'es',
    category: 'Acceso',
    title: 'Cambie su contraseña en 2 minutos',
    body: '1. Abra la página de inicio de sesión del portal.\n2. Elija **Olvidé mi contraseña**.\n3. Escriba su correo y elija **Enviar**.\n4. Abra el correo de Riverside y elija el enlace.\n5. Haga una contraseña nueva de por lo menos 12 letras o números.',
    tags: ['contraseña', 'clave', 'cambiar'],
  },
  {
    kind: 'howto',
    audience: 'patients',
    language: 'es',
    category: 'Mensajes',
    title: 'Cómo mandar un mensaje a su equipo de salud',
    body: '1. Inicie sesión y elija **Mensajes**.\n2. Elija **Mensaje nuevo**.\n3. Escoja un tema: pregunta médica, resurtido, cita o factura.\n4. Escriba su pregunta y elija **Enviar**.\n\nLe llega un correo cuando le contestamos.',
    tags: ['mensaje', 'equipo de salud', 'médico', 'doctor', 'pregunta'],
  },
  staff(
    'Account help',
    'Unlocking a patient account: identity check first',
    'A locked account needs a front-desk identity check before you unlock it.\n\n1. Ask for full name, date of birth and home address; compare with the chart.\n2. If anything does not match, do not unlock: offer an in-person visit with photo ID.\n3. Unlock in the portal admin screen and tell the patient to reset the password.\n\nIT can fix technical errors but cannot verify identity: send identity questions back to the front desk.',
    ['lockout', 'unlock', 'identity', 'password'],
  ),
  staff(
    'Enrollment',
    'Reissuing an expired activation code',
    'Codes expire after 30 days unused. Reissue from the enrollment screen, hand or mail the new code, and record **why** it expired (no email, lost paper, typed wrong) on the tracking sheet: the reasons show where enrollment gets stuck.',
    ['activation', 'code', 'expired', 'tracking sheet'],
  ),
  staff(
    'Enrollment',
    'Patient without an email address',
    'Offer an activation code instead of the email link. Note "no email" as the enrollment path. Encourage adding an email later for reminders; never create an email address for the patient.',
    ['email', 'activation', 'workaround'],
  ),
  staff(
    'Proxy access',
    'Proxy requests: which documents do we need?',
    '- **Parent**: photo ID; child 0–12 gets full proxy, 13–17 partial (confidential notes hidden).\n- **Step-parent**: a parent co-signs the form.\n- **Guardian**: copy of the court order.\n- **Foster parent**: placement letter; re-checked every year.\n- **Adult proxy**: the patient signs; expires after 18 months.\n\nSend the completed form to Medical records for linking.',
    ['proxy', 'guardian', 'caregiver', 'documents'],
  ),
  staff(
    'Messages',
    'Urgent symptoms in a portal message',
    'Never assess symptoms by message. Route it to the triage nurse, who phones the patient the same day. Not reached: retry next business day, then close with the standard message. After hours, the auto-reply points to 911 and the nurse line.',
    ['urgent', 'symptoms', 'triage', 'nurse'],
  ),
  staff(
    'Results',
    'A patient saw a result before the provider reviewed it',
    "That is expected: results are released as soon as final (Cures Act). Tell the patient the provider will explain it within 2–3 business days; critical values are phoned within hours. Do not interpret the result yourself; route questions to the provider's pool.",
    ['results', 'cures act', 'release', 'lab'],
  ),
  staff(
    'Phone calls',
    'A patient asks where their request is',
    'In **My work**, press **Request status**, type the patient reference from the chart and press Enter.\n\n- Each open request says which team has it, whether someone is working on it, and when it is due: "With Provider · waiting in the pool · due Tue 8:00 AM".\n- Requests finished in the last 30 days are listed below the open ones, with when they finished.\n- For a request your role does not work on (a lab result, say) you see only where it is and until when, not what it is about. Tell the patient which team has it and when to expect an answer; do not guess at the content.\n- Past its due time? Tell the patient you will flag it, and tell your supervisor.',
    ['status', 'where is my request', 'refill', 'call back', 'phone'],
  ),
  staff(
    'Phone calls',
    'Starting a request from a phone call',
    'In **My work**, press **New request**, pick what the caller needs and fill in the form; Enter sends it to the right pool. If the same request is already open (the pharmacy faxed it, say), you are told so with who has it: close the form rather than start it twice.',
    ['new request', 'phone', 'start', 'duplicate'],
  ),
  staff(
    'Prescriptions',
    'Refills you may pass on under a standing order',
    'Only **exact** refills (same drug, dose and quantity) under a standing order. Controlled substances always go to the provider. Last visit more than 12 months ago: deny and schedule, or a one-month bridge if the provider allows.',
    ['refill', 'standing order', 'controlled substance'],
  ),
  staff(
    'Billing',
    "A patient's billing question: who answers what, and by when",
    "The front desk logs every billing question (a portal message or at the desk) with the statement attached and the guarantor noted, and answers simple ones on the spot: the due date, how to pay online, what a copay is. Patients are promised a reply within 1 to 3 business days.\n\n- **Statement or itemized bill copy**: the front desk sends it within 1 business day, through the portal or by mail if asked, only to the patient or the guarantor (a proxy needs billing access on their proxy form).\n- **Payment plan or financial assistance**: straight to the billing specialist, within 2 business days. The standard plan is up to 12 months, no interest; screen for the sliding-fee discount if the patient mentions hardship. Longer plans need the billing supervisor.\n- **Anything else** (charges, insurance, balances): the billing specialist checks the guarantor, the insurance on file for the date of service, the claim and payments. A wrong guarantor or insurance goes back to the front desk to correct first.\n- **Denied claim**: read the denial reason code; correct and resubmit, appeal with the visit note, or adjust off what the contract says the patient does not owe. No decision after 10 business days: call the payer's provider line and record the call's reference number.\n- **Reply** in the portal thread the patient started: what you found, what changed, what they owe now and by when, in plain words, no billing codes.\n\nLate billing work goes to the billing supervisor; late front-desk steps to the front office supervisor.",
    [
      'billing',
      'bill',
      'statement',
      'statement copy',
      'payment plan',
      'financial assistance',
      'sliding fee',
      'insurance',
      'denied claim',
      'denial',
      'guarantor',
      'payer',
    ],
  ),
  {
    kind: 'howto',
    audience: 'staff',
    language: 'en',
    category: 'Enrollment',
    title: 'Enrolling a patient on the waiting-room tablet',
    body: '1. Confirm identity with photo ID.\n2. Open the enrollment app on the tablet and pick the patient.\n3. Email on file? Send the link. No email? Print an activation code.\n4. Stay while the patient makes a password.\n5. Record enrolled, declined (with reason) or code issued on the tracking sheet.',
    tags: ['enrollment', 'tablet', 'activation'],
  },
  staff(
    'Clinic hours',
    'The clinic closes unexpectedly (a snow day)',
    'An operations lead or an admin opens **Clinic hours**, adds the day under **Closed days** with its name ("Snow day"), writes why, and saves with **Also apply to the requests open now** ticked.\n\n- Deadlines counted in business hours ("call back within 2 business hours") skip the closed day, for new requests and the ones already open. Each open request\'s history says "Clinic hours changed" with the deadline\'s old and new time.\n- A deadline a lead set by hand stays where they put it.\n- Wall-clock deadlines (a critical result phoned within hours) do not move: someone must still cover them.\n- Every change of the hours is kept, with who made it and why.',
    ['closed', 'snow day', 'holiday', 'hours', 'deadline'],
  ),
  staff(
    'Training',
    'Practice runs: what happens when a deadline passes',
    "A practice run (**Start the practice run** under **What changed for you**, or the **Practice** page) shows each step's deadline as real work would: the due time, and the task turns overdue when it passes. The panel says what the deadline does in real work, for example that the task moves to the Front office supervisor pool.\n\n- In practice the deadline does nothing: the task stays yours, in My work's practice view, and nobody is told or emailed. Take a break and finish it later; the refresher counts it when you do.\n- A step that waits for the patient still moves on when its time is up, since no real patient will answer a practice run.\n- Practising the role that takes over late work? Ask a lead to send you the overdue practice task (**Reassign** to your role).",
    ['practice', 'refresher', 'training', 'deadline', 'overdue', 'escalation'],
  ),
  staff(
    'Working a request',
    'Attaching a statement, a signed form or a photo of a letter',
    'Open the task in **My work** and use **Attach a file** under **Attached files**: a PDF, JPEG or PNG (a scan or a phone photo), up to 10 MB. Check the name and size it shows, then **Attach**. Starting the request yourself? Add the files in **New request** under **Files** (**Attach files**); they go on its first step when you press **Start request**. Everyone who works on the request later, and the auditor, sees the file with who attached it and on which step. A photo opens in the page with **Show**: no need to download it onto a shared computer.\n\n- Name the file by what it is ("Statement ST-204518"), not by the patient.\n- Attached another patient\'s paper by mistake? Use **Remove** on it and say why. The file is deleted; the request keeps a note that it was there, who removed it and why. Tell your lead: it may be a privacy incident.\n- Files cannot be added to a request that has ended.',
    ['attach', 'attachment', 'scan', 'statement', 'proxy form', 'photo', 'upload'],
  ),
  staff(
    'Working a request',
    'Called away half-way through a task: what you typed is kept',
    "On a task you have claimed, what you type in its form and its note box is saved as a draft about a second after you stop typing: under the note box it says **Draft saved** with the time. Reload the page, lose the connection for a moment, or open the task on another computer: your answers come back, each marked **Restored from your draft**.\n\n- **Back to pool** or **Hand to a colleague**: the draft goes with the task. Whoever takes it next finds your answers filled in, marked **Typed by** you, and checks them before finishing. A note you sent with it reaches them as a note, not twice.\n- Only whoever holds the task sees its draft: not the pool, not a lead, not an auditor. It is not part of the request's history, and nothing in it is decided until you choose an outcome.\n- Open in two tabs? The newer answers are shown with what you typed in this tab kept over them, and the panel says so.\n- Finishing the task removes the draft. It is kept on the clinic's server, never on the computer you typed on.",
    ['draft', 'saved', 'reload', 'lost', 'half-way', 'another computer', 'hand off', 'back to pool'],
  ),
  staff(
    'Account help',
    'Changing my own password, or signing out a computer I left signed in',
    "Choose your name at the top right (or **Your account** in the menu).\n\n- **Change your password**: type the current one, then the new one twice: at least 12 characters; a short sentence is easy to remember. You stay signed in where you are; every other computer or tablet where you were signed in is signed out, and your API tokens stop working.\n- **Where you are signed in**: each browser with when it signed in and was last used. Left signed in at a shared desk? Choose **Sign out** on that row, or **Sign out everywhere else**.\n- Forgot your password? Ask an admin for a one-time code, then use **I have a one-time code from my admin** on the sign-in page.\n- You sign in with the clinic's sign-on? Change that password with the clinic's IT.",
    ['password', 'change password', 'sign out', 'session', 'account', 'shared computer'],
  ),
  staff(
    'Account help',
    'New portal sign-in page (coming in spring)',
    'Draft: the vendor is changing the sign-in page. Screenshots and the new reset steps will follow.',
    ['password', 'login'],
    { draft: true },
  ),
];

/**
 * The same patient answer in English and in Spanish, by title: on the public page a patient reading
 * one switches language to the other. A patient answer in one language only is listed in no pair and
 * is reported by `untranslatedDemoAnswers` (a new answer written without its Spanish stays visible).
 */
export const DEMO_HELP_TRANSLATIONS: Array<{ en: string; es: string }> = [
  { en: 'I forgot my password. How do I reset it?', es: 'Olvidé mi contraseña. ¿Cómo la cambio?' },
  { en: 'My account is locked', es: 'Mi cuenta está bloqueada' },
  { en: 'How do I sign up for the portal?', es: '¿Cómo me inscribo en el portal?' },
  { en: 'My activation code expired or does not work', es: 'Mi código de activación venció' },
  {
    en: 'I do not have an email address. Can I still use the portal?',
    es: 'No tengo correo electrónico. ¿Puedo usar el portal?',
  },
  { en: 'How soon will I get an answer to my message?', es: '¿Cuánto tardan en contestar mi mensaje?' },
  {
    en: 'Can I send a message about new or urgent symptoms?',
    es: '¿Puedo mandar un mensaje por síntomas nuevos o urgentes?',
  },
  { en: 'When will I see my lab results?', es: '¿Cuándo veré mis resultados de laboratorio?' },
  {
    en: "Can I see my child's or my parent's records? (proxy access)",
    es: '¿Puedo ver el expediente de mi hijo o de mi padre? (acceso de apoderado)',
  },
  { en: 'How do I ask for a prescription refill?', es: '¿Cómo pido más de mi medicina (resurtido)?' },
  { en: 'How do I ask for an appointment?', es: '¿Cómo pido una cita?' },
  { en: 'I have a question about my bill', es: 'Tengo una pregunta sobre mi factura' },
  { en: 'Reset your password in 2 minutes', es: 'Cambie su contraseña en 2 minutos' },
  { en: 'How to send a message to your care team', es: 'Cómo mandar un mensaje a su equipo de salud' },
];
