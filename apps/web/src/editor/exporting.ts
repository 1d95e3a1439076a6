import { type PoolMode, toBpmn } from '@portalflow/bpmn';
import { workflowSvg as toSvg } from '@portalflow/diagram';
import type { EditorDocument } from '../model/document.ts';
import { toMermaid } from '../model/mermaid.ts';

/** Downloads text as a file (no server round trip; nothing leaves the browser). */
export function download(filename: string, content: Blob | string, type = 'application/json'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export type ExportKind = 'json' | 'bpmn' | 'bpmn-pools' | 'svg' | 'png' | 'mermaid';

export const definitionJson = (doc: EditorDocument) => `${JSON.stringify(doc.definition, null, 2)}\n`;

export function exportJson(doc: EditorDocument): void {
  download(`${doc.definition.id}.json`, definitionJson(doc));
}

/**
 * BPMN 2.0 with the diagram as laid out here, for Camunda Modeler, Signavio, bpmn.io and others:
 * one pool with a lane per role, or one pool per department with message flows between them.
 */
export function exportBpmn(doc: EditorDocument, pools: PoolMode = 'single'): void {
  download(`${doc.definition.id}.bpmn`, toBpmn(doc.definition, doc.layout, { pools }), 'application/xml');
}

export function exportMermaid(doc: EditorDocument): void {
  download(`${doc.definition.id}.mmd`, toMermaid(doc.definition), 'text/plain');
}

export function exportSvg(doc: EditorDocument): void {
  download(`${doc.definition.id}.svg`, toSvg(doc.definition, doc.layout), 'image/svg+xml');
}

/** PNG: the model's SVG drawn into a canvas at twice the size (sharp when printed). */
export async function exportPng(doc: EditorDocument): Promise<void> {
  const svg = toSvg(doc.definition, doc.layout);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The diagram could not be drawn'));
      image.src = url;
    });
    const scale = Math.min(2, 16_000 / Math.max(image.width, image.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(image.width * scale);
    canvas.height = Math.ceil(image.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw images');
    ctx.scale(scale, scale);
    ctx.drawImage(image, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('The PNG could not be made');
    download(`${doc.definition.id}.png`, blob);
  } finally {
    URL.revokeObjectURL(url);
  }
}
