// The layout of `berth describe`: labeled lines whose values line up with the other labels at
// the same depth of the same section, maps with one entry per line, and small tables.
import { formatTable } from '../output.js';

interface Line {
  readonly indent: number;
  /** undefined: a line of text; "": the continuation of the labeled line above. */
  readonly label: string | undefined;
  readonly value: string;
}

export class DescribeWriter {
  private readonly lines: Line[] = [];

  /** `Label:  value`; an empty value makes a section heading. */
  field(indent: number, label: string, value: string | number | undefined): void {
    this.lines.push({ indent, label, value: value === undefined || value === '' ? '' : String(value) });
  }

  /** A field whose value is a map: `Labels:  a=1` then one more line per entry, or <none>. */
  map(indent: number, label: string, map: Readonly<Record<string, string>>): void {
    const entries = Object.entries(map).map(([k, v]) => `${k}=${v}`);
    this.field(indent, label, entries[0] ?? '<none>');
    for (const e of entries.slice(1)) this.lines.push({ indent, label: '', value: e });
  }

  /** A field with several values, one per line. */
  values(indent: number, label: string, values: readonly string[]): void {
    this.field(indent, label, values[0] ?? '<none>');
    for (const v of values.slice(1)) this.lines.push({ indent, label: '', value: v });
  }

  text(indent: number, value: string): void {
    for (const line of value.replace(/\n$/, '').split('\n')) this.lines.push({ indent, label: undefined, value: line });
  }

  /** A table with a dashed line under its headers, as in kubectl's Conditions and Events. */
  table(indent: number, headers: readonly string[], rows: readonly (readonly string[])[]): void {
    this.text(indent, formatTable(headers, [headers.map((h) => '-'.repeat(h.length)), ...rows]));
  }

  render(): string {
    const widths = this.labelWidths();
    return (
      this.lines
        .map((l, i) => {
          const pad = ' '.repeat(l.indent);
          if (l.label === undefined) return `${pad}${l.value}`.trimEnd();
          const width = widths[i] ?? 0;
          const label = l.label === '' ? '' : `${l.label}:`;
          return `${pad}${label.padEnd(width + 3)}${l.value}`.trimEnd();
        })
        .join('\n') + '\n'
    );
  }

  /**
   * For each labeled line, the longest label among the labeled lines at its indent that no line
   * of a smaller indent separates from it.
   */
  private labelWidths(): number[] {
    const groupOf = this.lines.map((l, i) => `${l.indent}:${this.lines.slice(0, i).filter((x) => x.indent < l.indent).length}`);
    const widest = new Map<string, number>();
    this.lines.forEach((l, i) => {
      if (l.label === undefined || l.value === '') return;
      const g = groupOf[i] as string;
      widest.set(g, Math.max(widest.get(g) ?? 0, l.label.length));
    });
    return groupOf.map((g) => widest.get(g) ?? 0);
  }
}
