import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/server.ts';

/**
 * The words patients type into the demo clinic's help, in English and Spanish: each must find the
 * answer a front desk would point them to, through the public search a phone asks.
 */
const WORDS: Record<string, Array<[string, RegExp]>> = {
  en: [
    ['refill', /refill/i],
    ['bill', /bill/i],
    ['pay', /bill/i],
    ['copay', /bill/i],
    ['results', /results/i],
    ['password', /password/i],
    ['username', /password/i],
    ['appointment', /appointment/i],
    ['cancel', /appointment/i],
    ['prescription', /refill/i],
    ['medication', /refill/i],
    ['form', /proxy/i],
    ['doctor', /message/i],
    ['register', /sign up/i],
    ['log in', /password|locked/i],
  ],
  es: [
    ['resurtido', /resurtido/i],
    ['factura', /factura/i],
    ['pagar', /factura/i],
    ['resultados', /resultados/i],
    ['contraseña', /contraseña/i],
    ['usuario', /contraseña/i],
    ['cita', /cita/i],
    ['cancelar', /cita/i],
    ['receta', /resurtido/i],
    ['medicamento', /resurtido/i],
    ['formulario', /apoderado/i],
    ['médico', /mensaje/i],
    ['clave', /contraseña/i],
    ['olvidé mi clave', /contraseña/i],
    ['registrarme', /inscribo/i],
    ['entrar', /contraseña|bloqueada/i],
  ],
};

let dir: string;
let server: RunningServer;
beforeAll(async () => {
  dir = await mkdtemp(join(process.env.PORTALFLOW_TEST_TMPDIR ?? tmpdir(), 'portalflow-help-words-'));
  server = await startServer({ port: 0, databaseUrl: `file:${join(dir, 'pf.db')}`, demo: true, quiet: true });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the demo clinic's help for patients", () => {
  for (const [lang, words] of Object.entries(WORDS))
    it(`finds an answer for each common word in ${lang}`, async () => {
      const missed: string[] = [];
      for (const [word, answer] of words) {
        const res = await fetch(
          `${server.url}/api/public/help/riverside/search?q=${encodeURIComponent(word)}&lang=${lang}`,
        );
        expect(res.status).toBe(200);
        const { results } = (await res.json()) as { results: Array<{ entry: { title: string } }> };
        const first = results[0]?.entry.title ?? '(nothing)';
        if (!answer.test(first)) missed.push(`${word} → ${first}`);
      }
      expect(missed).toEqual([]);
    });
});
