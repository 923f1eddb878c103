import { cnbdFamilySpec } from "../cnbd/spec.js";

/** The MBG/CNBD-k's spec. @internal */
export const MBGCNBD_SPEC = /* @__PURE__ */ cnbdFamilySpec("mbgcnbd", "MBG/CNBD-k", 1, "mbgnbd");
