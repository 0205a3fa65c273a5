import { describe, expect, it } from "vitest";
import { createMarkdown, mathErrors } from "../../../src/site/markdown";
import { lessonTime } from "../../../src/site/lessonTime";

describe("createMarkdown", () => {
  const md = createMarkdown();

  it("typesets $…$ and $$…$$ with KaTeX when the site is built", () => {
    const html = md.block("The unit roundoff $u = 2^{-(m+1)}$.\n\n$$\\sum_{j<m} x_j$$\n");
    expect(html).toMatch(/<span class="katex">/);
    expect(html).toMatch(/class="katex-display"/);
    expect(html).toContain("<annotation encoding=\"application/x-tex\">u = 2^{-(m+1)}</annotation>");
    expect(mathErrors(html)).toBe(0);
  });

  it("MathML output for standalone pages needs no style sheet", () => {
    const html = createMarkdown("mathml").inline("$a<b$");
    expect(html).toMatch(/^<span class="katex"><math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML">/);
    expect(html).not.toContain("katex-html");
  });

  it("escapes raw HTML and refuses javascript: links", () => {
    const html = md.block('<script>alert(1)</script> <img src=x onerror="alert(1)"> [x](javascript:alert(1))');
    expect(html).not.toMatch(/<script|<img|<a /);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("demotes headings by headingShift", () => {
    expect(md.block("# Title\n\n## Part", { headingShift: 1 })).toBe("<h2>Title</h2>\n<h3>Part</h3>\n");
    expect(md.block("##### Deep", { headingShift: 3 })).toBe("<h6>Deep</h6>\n");
  });

  it("counts formulas KaTeX could not typeset", () => {
    expect(mathErrors(md.inline("$\\frac{1}{$ and $x$"))).toBe(1);
  });
});

describe("lessonTime", () => {
  const nb = (text: string) => ({ cells: [{ cell_type: "markdown", source: text }] });
  it("reads the first clause of the objectives cell's **Time.** paragraph", () => {
    expect(lessonTime(nb("# L\n\n**Time.** About 2 hours 30 minutes for a newcomer, exercises included; reading alone half."), null)).toBe(
      "About 2 hours 30 minutes for a newcomer, exercises included",
    );
    expect(lessonTime(nb("**Time.** About three hours for a newcomer: section 1 about 10 minutes."), null)).toBe("About three hours for a newcomer");
    expect(lessonTime(nb("**Time.** About 50 minutes, exercises included."), null)).toBe("About 50 minutes, exercises included");
  });
  it("falls back on the guide's Time needed section, else null", () => {
    expect(lessonTime(nb("# L"), "# G\n\n## Time needed\nAbout 2 hours; more.\n")).toBe("About 2 hours");
    expect(lessonTime(null, "# G")).toBeNull();
  });
});
