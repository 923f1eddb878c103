import { cnbdFamilySpec } from "../cnbd/spec.js";

/** The BG/CNBD-k's spec. @internal */
export const BGCNBD_SPEC = /* @__PURE__ */ cnbdFamilySpec("bgcnbd", "BG/CNBD-k", 0, "bgnbd");
