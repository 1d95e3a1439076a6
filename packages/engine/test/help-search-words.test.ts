import { describe, expect, it } from 'vitest';
import { plainText, SearchIndex } from '../src/index.ts';

// Sentences as the clinic's help writers write them: common words everywhere, a few real topics.
const docs = [
  {
    id: 'practice',
    fields: {
      title: 'Practice runs: what happens when a deadline passes',
      body: 'In practice the deadline does nothing: the task stays yours.',
    },
  },
  {
    id: 'appointment',
    fields: {
      title: 'How do I ask for an appointment?',
      body: 'Our schedulers answer within 1 business day with a time, or with other choices.',
    },
  },
  {
    id: 'attach',
    fields: {
      title: 'Attaching a signed form',
      body: "Attached another patient's paper by mistake? Use Remove on it and say why.",
    },
  },
  {
    id: 'code',
    fields: {
      title: 'My activation code expired or does not work',
      body: 'If yours expired or the portal says it is not valid, call the front desk. Bring your insurance card.',
    },
  },
  {
    id: 'password',
    fields: { title: 'I forgot my password', body: 'On the sign-in page, choose Forgot password.' },
  },
  {
    id: 'contrasena',
    fields: {
      title: '¿Cómo cambio mi contraseña?',
      body: 'Elija "Olvidé mi contraseña" en la página de inicio.',
    },
  },
];
const index = new SearchIndex(docs, { title: 3, body: 1 });
const ids = (q: string) => index.search(q).map((h) => h.id);

describe('help search finds nothing when nothing answers', () => {
  it('says nothing for an unknown word next to a common one', () => {
    expect(ids('xyzzy nothing')).toEqual([]);
  });

  it('does not match common words, or near spellings of them', () => {
    for (const q of ['not', 'nothing', 'other', 'another', 'any other', 'otro', 'nada'])
      expect(ids(q), q).toEqual([]);
  });

  it('does not take a short stem for a typo of another word', () => {
    // `caring` and `card` share three letters, not a meaning.
    expect(ids('caring')).toEqual([]);
  });

  it('does not take a word the help has for a typo of another', () => {
    const help = new SearchIndex([
      { id: 'locked', fields: { body: 'Your account is locked after 5 wrong passwords.' } },
      { id: 'looked', fields: { body: 'We looked at your visit summary.' } },
    ]);
    expect(help.search('locked').map((h) => h.id)).toEqual(['locked']);
    expect(help.search('lokced').map((h) => h.id)).toEqual(['locked']);
  });

  it('still finds a misspelt real word', () => {
    expect(ids('pasword')[0]).toBe('password');
    expect(ids('contrasena')).toEqual(['contrasena']);
    expect(ids('contrasenna')).toEqual(['contrasena']);
    expect(ids('activaton')).toEqual(['code']);
    expect(ids('apointment')).toEqual(['appointment']);
    expect(ids('sing in')).toContain('password');
  });
});

describe('list items in search previews', () => {
  it('continue the sentence when an item ends with a comma or a joining word', () => {
    expect(
      plainText(
        'After 5 wrong passwords the portal locks.\n\n- Wait 15 minutes and try again, or\n- Call the front desk at (555) 010-2000.',
      ),
    ).toBe(
      'After 5 wrong passwords the portal locks.\nWait 15 minutes and try again, or call the front desk at (555) 010-2000.',
    );
    expect(plainText('- Bring your ID and\n- Your insurance card')).toBe(
      'Bring your ID and your insurance card',
    );
    expect(plainText('- Espere 15 minutos, o\n- Llame a la recepción')).toBe(
      'Espere 15 minutos, o llame a la recepción',
    );
    expect(plainText('- First the form,\n- Then the ID')).toBe('First the form, then the ID');
  });

  it('never reads ", or;"', () => {
    const text = plainText('- Try again, or\n- Call us\n- Or write to us, and\n- Wait');
    expect(text).not.toMatch(/[,;:]\s*;|\b(or|and|o|y);/);
  });

  it('keeps separate items apart, and names and acronyms as written', () => {
    expect(plainText('- one\n- two')).toBe('one; two');
    expect(plainText('- Call us, or\n- IT will call you')).toBe('Call us, or IT will call you');
    expect(plainText('- Ask the front desk, or\n- Riverside Health staff')).toBe(
      'Ask the front desk, or Riverside Health staff',
    );
  });
});
