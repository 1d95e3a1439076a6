import { describe, expect, it } from 'vitest';
import { closureText, timeText, weekLines } from '../src/help/public/hoursText.ts';
import { STRINGS } from '../src/help/public/strings.ts';

const week = (open: Record<string, Array<[string, string]>>) =>
  (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({ day, open: open[day] ?? [] }));

describe('clinic hours on the public help page', () => {
  it('puts days in a row with the same hours on one line', () => {
    const weekdays = {
      mon: [['08:00', '17:00']],
      tue: [['08:00', '17:00']],
      wed: [['08:00', '17:00']],
      thu: [['08:00', '17:00']],
      fri: [['08:00', '12:00']],
    } as Record<string, Array<[string, string]>>;
    expect(weekLines(week(weekdays), 'en', 'Closed')).toEqual([
      'Mon–Thu: 8:00 AM – 5:00 PM',
      'Fri: 8:00 AM – 12:00 PM',
      'Sat–Sun: Closed',
    ]);
  });

  it('speaks the page’s language and keeps times as the clinic’s wall clock', () => {
    const lines = weekLines(week({ sat: [['09:00', '13:00']] }), 'es', 'Cerrado', '24-hour');
    expect(lines).toEqual(['lun–vie: Cerrado', 'sáb: 09:00 – 13:00', 'dom: Cerrado']);
    expect(timeText('24:00', 'en')).toBe('12:00 AM');
  });

  it('writes times on the clinic’s clock in every language: a 12-hour clinic’s Spanish page too', () => {
    const saturday = week({ sat: [['09:00', '17:00']] });
    const spanish12 = weekLines(saturday, 'es', 'Cerrado', '12-hour')[1]!.replace(/\s/g, ' ');
    expect(spanish12).toBe('sáb: 9:00 a. m. – 5:00 p. m.');
    expect(weekLines(saturday, 'es', 'Cerrado', '24-hour')[1]).toBe('sáb: 09:00 – 17:00');
    expect(weekLines(saturday, 'en', 'Closed', '24-hour')[1]).toBe('Sat: 09:00 – 17:00');
    expect(timeText('24:00', 'en', '24-hour')).toBe('00:00');
  });

  it('names a closed day with its weekday and month written out, without shifting the date', () => {
    expect(closureText({ date: '2026-12-25', name: 'Christmas Day' }, 'en')).toBe(
      'Friday, December 25: Christmas Day',
    );
    expect(closureText({ date: '2027-01-01' }, 'es')).toBe('viernes, 1 de enero');
  });

  it('says “Clínica cerrada” on the Spanish page instead of the English name staff gave the day', () => {
    const snow = { date: '2026-12-16', name: 'Snow day' };
    expect(closureText(snow, 'es', STRINGS.es.closedDay)).toBe('miércoles, 16 de diciembre: Clínica cerrada');
    expect(closureText(snow, 'en', STRINGS.en.closedDay)).toBe('Wednesday, December 16: Snow day');
    // Named in Spanish by the clinic: the Spanish page shows that name; the English page the staff name.
    expect(
      closureText(
        { date: '2026-11-26', name: 'Día de Acción de Gracias', lang: 'es' },
        'es',
        STRINGS.es.closedDay,
      ),
    ).toBe('jueves, 26 de noviembre: Día de Acción de Gracias');
    expect(
      closureText({ date: '2026-11-26', name: 'Thanksgiving', lang: 'en' }, 'es', STRINGS.es.closedDay),
    ).toBe('jueves, 26 de noviembre: Clínica cerrada');
    expect(
      closureText({ date: '2026-11-26', name: 'Thanksgiving', lang: 'en' }, 'en', STRINGS.en.closedDay),
    ).toBe('Thursday, November 26: Thanksgiving');
  });
});
