import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * prompts/ at the package root: two levels above this file both in src/generators/ (tests,
 * tsx) and in dist/generators/ (the installed command).
 */
const PROMPTS_DIRECTORY = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "prompts");

/** The prompt files: the system prompt, the answer template and the follow-up rewrite. */
export type PromptName = "system" | "answer" | "follow-up";

const loaded = new Map<string, string>();

/** Reads `prompts/<name>.<language>.md` once per process. */
export function loadPrompt(name: PromptName, language: "zh" | "en"): string {
  const file = join(PROMPTS_DIRECTORY, `${name}.${language}.md`);
  let text = loaded.get(file);
  if (text === undefined) {
    text = readFileSync(file, "utf8").trim();
    loaded.set(file, text);
  }
  return text;
}

/** Fills `{{name}}` placeholders; a placeholder without a value is a bug in a prompt file. */
export function fillPrompt(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/gu, (placeholder, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`prompt placeholder ${placeholder} has no value`);
    return value;
  });
}
