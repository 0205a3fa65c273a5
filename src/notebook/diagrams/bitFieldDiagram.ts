/**
 * A bit-field diagram: the code a float format stores for one value, drawn bit by bit with its sign,
 * exponent and mantissa fields told apart by colour (Okabe–Ito) and by a text label under each field,
 * so colour is never the only cue. Lesson 1 draws it for the worked decode and the worked encoding.
 *
 * @packageDocumentation
 */
import { encode, decode } from "../../formats/codec";
import { formatInfo } from "../../formats/traits";
import type { FormatName } from "../../formats/traits";
import type { RoundingOptions } from "../../formats/rounding";
import { describeValue, expectNumber } from "../../validation";
import { OKABE_ITO } from "../palette";
import type { Figure } from "../show";
import { boxShape } from "./boxesAndArrows";

/** The float formats a bit-field diagram can draw: every signed format with an exponent field. */
const DIAGRAM_FORMATS: readonly FormatName[] = ["fp32", "fp16", "bf16", "e5m2", "e4m3", "e3m2", "e2m3", "e2m1"];

/** Colour of each field: sign, exponent, mantissa (Okabe–Ito vermillion, sky blue, bluish green). */
const FIELD_COLORS = { sign: OKABE_ITO[1], exponent: OKABE_ITO[5], mantissa: OKABE_ITO[2] } as const;

/** A colour `#RRGGBB` at opacity `alpha`, as Plotly's `rgba(...)`, so black text on it stays legible. */
function tint(hex: string, alpha: number): string {
  const v = parseInt(hex.slice(1), 16);
  return `rgba(${Math.floor(v / 65536)},${Math.floor(v / 256) % 256},${v % 256},${alpha})`;
}

/** The three fields of one stored code, as unsigned integers and as bit strings (most significant first). */
interface Fields {
  code: number;
  s: number;
  e: number;
  f: number;
  bits: string;
}

/**
 * Splits `code` of a 1 + E + m bit float into its fields by integer division (no 32-bit operators, so
 * FP32 codes above 2^31 stay positive).
 */
function splitCode(code: number, E: number, m: number): Fields {
  const s = Math.floor(code / 2 ** (E + m));
  const e = Math.floor(code / 2 ** m) % 2 ** E;
  const f = code % 2 ** m;
  const bits = code.toString(2).padStart(1 + E + m, "0");
  return { code, s, e, f, bits };
}

/** A number short enough for a label: up to 8 significant digits, exponent notation outside [1e-4, 1e6). */
function short(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "+∞" : "−∞";
  if (x === 0) return Object.is(x, -0) ? "−0" : "0";
  const a = Math.abs(x);
  const text = a >= 1e-4 && a < 1e6 ? String(Number(x.toPrecision(8))) : x.toExponential(7).replace(/\.?0+e/, "e");
  return text.replace(/^-/, "−");
}

/** A stored value in full (the shortest decimal that reads back as the same double), for labels. */
function exact(x: number): string {
  return Number.isFinite(x) && x !== 0 ? String(x).replace(/^-/, "−") : short(x);
}

/** `2^k` with a proper minus sign, for labels. */
const pow = (k: number): string => `2^${k < 0 ? `(−${-k})` : k}`;

/** What each field contributes, in words, and the value formula of the code. */
function describeFields(name: FormatName, x: Fields, value: number): { sign: string; exponent: string; mantissa: string; formula: string } {
  const { exponentBits: E, mantissaBits: m, bias, nanEncoding } = formatInfo(name);
  const eBits = x.bits.slice(1, 1 + E);
  const fBits = x.bits.slice(1 + E);
  const sign = `sign s = ${x.s}: ${x.s === 1 ? "negative (−)" : "positive (+)"}`;
  const topField = x.e === 2 ** E - 1;
  const mantissaText = `mantissa f = ${fBits}₂ = ${x.f}`;
  const exponentText = `exponent e = ${eBits}₂ = ${x.e}`;
  const hex = `0x${x.code.toString(16).toUpperCase().padStart(Math.ceil((1 + E + m) / 4), "0")}`;
  if (nanEncoding === "ieee" && topField) {
    return {
      sign,
      exponent: `${exponentText}: all ones, reserved`,
      mantissa: `${mantissaText}: ${x.f === 0 ? "zero, so ±∞" : "nonzero, so NaN"}`,
      formula: `${hex} = ${short(value)} (special code)`,
    };
  }
  if (nanEncoding === "fn" && topField && x.f === 2 ** m - 1) {
    return { sign, exponent: `${exponentText}: all ones`, mantissa: `${mantissaText}: all ones, so NaN`, formula: `${hex} = NaN (the single NaN pattern)` };
  }
  const signFactor = `(−1)^${x.s} · `;
  if (x.e === 0) {
    return {
      sign,
      exponent: `${exponentText}: zero or subnormal, scale 2^(1−${bias})`,
      mantissa: `${mantissaText}: significand 0 + ${x.f}/${2 ** m}`,
      formula: `${hex} = ${signFactor}2^(1−${bias}) · (0 + ${x.f}/${2 ** m}) = ${exact(value)}`,
    };
  }
  return {
    sign,
    exponent: `${exponentText}: scale 2^(${x.e}−${bias}) = ${pow(x.e - bias)}`,
    mantissa: `${mantissaText}: significand 1 + ${x.f}/${2 ** m}`,
    formula: `${hex} = ${signFactor}2^(${x.e}−${bias}) · (1 + ${x.f}/${2 ** m}) = ${exact(value)}`,
  };
}

/**
 * A Plotly figure of the code that format `format` stores for `value`: one box per bit, most significant
 * bit on the left, each box holding its bit (0 or 1) and coloured by its field (sign, exponent,
 * mantissa, from the Okabe–Ito palette), with a text label under each field saying what the field holds
 * and what it contributes, and the decoded value written out above:
 *
 *   x = (−1)^s · 2^(e − bias) · (1 + f/2^m)   (e ≥ 1),   x = (−1)^s · 2^(1 − bias) · f/2^m   (e = 0),
 *
 * with the all-ones exponent field read as ±∞/NaN (IEEE layouts) or, for E4M3, only S.1111.111 as NaN.
 * The code is `encode(format, value, options)`, so a value off the grid is rounded first (round to
 * nearest, ties to even, unless `options` say otherwise) and the title gives both the input and the
 * stored value. The boxes and field outlines are `layout.shapes`, the labels `layout.annotations`; the
 * one trace is the bits as text (its hover names each bit's field), so `show` prints a text description.
 *
 * Source: IEEE 754-2019 §3.4 (binary interchange formats); OCP OFP8 v1.0 (E4M3, E5M2); OCP MX v1.0
 * §5.3 (E3M2, E2M3, E2M1); the field formulas are lesson 1's.
 *
 * @param format - a float format with a sign bit: fp32, fp16, bf16, e5m2, e4m3, e3m2, e2m3 or e2m1
 * @param value - the number to store (rounded to the format as `encode` rounds it)
 * @param options - rounding options passed to `encode` (rounding, saturate, random, flushSubnormals)
 * @returns a Plotly figure `{ data, layout }` for `show`
 * @throws RangeError when `format` is not one of the float formats above, or when `value` is NaN and the
 *   format has no NaN code; TypeError when `value` is not a number
 * @example
 * ```ts
 * show(bitFieldDiagram("e4m3", 3.25), { caption: "E4M3 stores 3.25 as 0 1000 101." });
 * bitFieldDiagram("e4m3", -0.3).data[0].text; // ["1", "0", "1", "0", "1", "0", "1", "0"] (0xAA = −0.3125)
 * ```
 */
export function bitFieldDiagram(format: FormatName, value: number, options?: RoundingOptions): Figure {
  if (!DIAGRAM_FORMATS.includes(format)) {
    throw new RangeError(`format must be a float format with a sign bit (${DIAGRAM_FORMATS.join(", ")}), got ${describeValue(format)}`);
  }
  expectNumber("value", value);
  const info = formatInfo(format);
  const E = info.exponentBits;
  const m = info.mantissaBits;
  const n = 1 + E + m;
  const code = encode(format, value, options);
  const stored = decode(format, code);
  const fields = splitCode(code, E, m);
  const words = describeFields(format, fields, stored);

  const fieldOf = (i: number): "sign" | "exponent" | "mantissa" => (i === 0 ? "sign" : i <= E ? "exponent" : "mantissa");
  const spans = [
    { field: "sign" as const, from: 0, to: 1, label: words.sign },
    { field: "exponent" as const, from: 1, to: 1 + E, label: words.exponent },
    { field: "mantissa" as const, from: 1 + E, to: n, label: words.mantissa },
  ];

  const shapes: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    shapes.push(boxShape({ x: i + 0.5, y: 0.5, halfWidth: 0.5, halfHeight: 0.5 }, { fill: tint(FIELD_COLORS[fieldOf(i)], 0.45), border: { width: 1 } }));
  }
  // each field outlined over its bits' thin borders
  for (const s of spans) {
    const outline = { x: (s.from + s.to) / 2, y: 0.5, halfWidth: (s.to - s.from) / 2, halfHeight: 0.5 };
    shapes.push(boxShape(outline, { fill: "rgba(0,0,0,0)", border: { width: 3 }, layer: "above" }));
  }

  // Field labels sit under their fields in three staggered rows (sign from its left edge, exponent from
  // its left edge, mantissa up to its right edge), so long labels of narrow fields never overlap or run off.
  const anchors = [
    { x: 0, xanchor: "left" },
    { x: 1, xanchor: "left" },
    { x: n, xanchor: "right" },
  ];
  const annotations: Record<string, unknown>[] = spans.map((s, k) => ({
    x: anchors[k].x, xanchor: anchors[k].xanchor, y: -0.3 - 0.42 * k, yanchor: "top", xref: "x", yref: "y", text: s.label, showarrow: false,
    font: { size: 13, color: "#000000" }, bgcolor: tint(FIELD_COLORS[s.field], 0.45), bordercolor: "#000000", borderwidth: 1, borderpad: 3,
  }));
  annotations.push({
    x: n / 2, y: 1.25, xref: "x", yref: "y", text: words.formula, showarrow: false, xanchor: "center", yanchor: "bottom",
    font: { size: 15, color: "#000000" },
  });

  const centres = Array.from({ length: n }, (_, i) => i + 0.5);
  const fieldBitIndex = (i: number): string =>
    fieldOf(i) === "sign" ? "the sign bit" : fieldOf(i) === "exponent" ? `exponent bit ${E - i} of ${E}` : `mantissa bit ${n - i} of ${m}`;
  const bitsText = `${fields.bits.slice(0, 1)} ${fields.bits.slice(1, 1 + E)} ${fields.bits.slice(1 + E)}`;
  const title = stored === value || Number.isNaN(value) || Number.isNaN(stored)
    ? `${format} stores ${exact(value)} as ${bitsText}`
    : `${format} stores ${exact(value)} as ${bitsText} (value ${exact(stored)})`;

  return {
    data: [
      {
        type: "scatter", mode: "text", name: `bits of ${format} code`, x: centres, y: centres.map(() => 0.5),
        text: fields.bits.split(""), textfont: { size: n > 16 ? 14 : 20, color: "#000000" },
        hovertext: centres.map((_, i) => `bit ${n - 1 - i}: ${fieldBitIndex(i)} = ${fields.bits[i]}`), hoverinfo: "text",
        showlegend: false,
      },
    ],
    layout: {
      title: { y: 0.97, yanchor: "top", text: title },
      xaxis: {
        title: { text: "bit number (most significant bit on the left; no unit)", standoff: 6 }, range: [-0.2, n + 0.2], zeroline: false, showgrid: false,
        tickvals: centres, ticktext: centres.map((_, i) => String(n - 1 - i)), side: "top", fixedrange: true, ticks: "",
      },
      yaxis: { title: { text: "one stored code" }, range: [-1.6, 1.8], visible: false, fixedrange: true },
      shapes,
      annotations,
      height: 320,
      margin: { l: 20, r: 20, t: 115, b: 10 },
      showlegend: false,
    },
  };
}
