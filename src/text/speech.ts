/** A paragraph that opens by referring back to someone named before: "“…”他表示", "她说". */
export const REFERS_BACK = /^(?:“[^”]*”)?(?:他|她|该|其|这)/u;

/** Reported speech: "…表示，", "…说：". */
export const SPEAKS = /(?:表示|说|介绍|指出|认为|谈到|强调)[，,：:]/u;

/** Reported speech whose speaker is only a pronoun ("他表示，"): the name is elsewhere. */
export const PRONOUN_SPEAKS = /(?:他|她|其)(?:表示|说|介绍|指出|认为|谈到|强调)[，,：:]/u;
