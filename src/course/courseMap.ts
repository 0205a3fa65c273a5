import type { Figure } from "../notebook/show";
import type { Course } from "./schema";

/**
 * The course map as a Plotly figure: one marker per lesson, placed by stage (x) and order within the
 * stage (y, first at the top), filled when the lesson is available and hollow when it is planned, with a
 * grey segment for each prerequisite. Hovering a lesson shows its objectives.
 *
 * @example
 * ```ts
 * show(courseMapFigure(loadCourse()), { caption: "The course by stage." });
 * ```
 */
export function courseMapFigure(course: Course): Figure {
  const position = new Map<string, [number, number]>();
  const perStage = new Map<number, number>();
  for (const l of course.lessons) {
    const k = perStage.get(l.stage) ?? 0;
    perStage.set(l.stage, k + 1);
    position.set(l.id, [l.stage, -k]);
  }
  const ex: (number | null)[] = [];
  const ey: (number | null)[] = [];
  for (const l of course.lessons) {
    const [x1, y1] = position.get(l.id)!;
    for (const p of l.prerequisites) {
      const from = position.get(p);
      if (!from) continue;
      ex.push(from[0], x1, null);
      ey.push(from[1], y1, null);
    }
  }
  const trace = (status: "available" | "planned") => {
    const ls = course.lessons.filter((l) => l.status === status);
    return {
      type: "scatter",
      mode: "markers+text",
      name: status === "available" ? "available now" : "planned",
      x: ls.map((l) => position.get(l.id)![0]),
      y: ls.map((l) => position.get(l.id)![1]),
      text: ls.map((l) => wrap(`${l.id} ${l.title}`, 24)),
      textposition: "bottom center",
      hovertext: ls.map((l) => `<b>${l.id} ${l.title}</b><br>` + l.objectives.map((o) => `• ${o}`).join("<br>")),
      hoverinfo: "text",
      marker: { size: 16, symbol: status === "available" ? "circle" : "circle-open", line: { width: 2 } },
    };
  };
  const stageTitle = (id: number) => {
    const s = course.stages.find((st) => st.id === id);
    return s ? `${id}: ${s.level}` : String(id);
  };
  const stageIds = course.stages.map((s) => s.id);
  return {
    data: [
      { type: "scatter", mode: "lines", name: "prerequisite", x: ex, y: ey, hoverinfo: "skip", line: { color: "#bbbbbb", width: 1 } },
      trace("available"),
      trace("planned"),
    ],
    layout: {
      title: { text: "Course map: twelve lessons in three stages" },
      xaxis: {
        title: { text: "stage (difficulty grows to the right)" },
        tickvals: stageIds,
        ticktext: stageIds.map(stageTitle),
        range: [-0.5, Math.max(...stageIds) + 0.5],
        zeroline: false,
        showgrid: false,
      },
      yaxis: {
        title: { text: "order within the stage (first at the top)" },
        showticklabels: false,
        zeroline: false,
        showgrid: false,
        range: [-Math.max(...perStage.values()) + 0.4, 0.4],
      },
      height: 600,
      legend: { orientation: "h", y: -0.15 },
      margin: { l: 60, r: 20, t: 60, b: 80 },
    },
  };
}

/** Breaks a label into lines of at most `width` characters at spaces, joined with `<br>` for Plotly. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join("<br>");
}
