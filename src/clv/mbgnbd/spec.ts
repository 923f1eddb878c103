import { bgnbdFamilySpec } from "../bgnbd/spec.js";

/** The MBG/NBD's spec: the BG/NBD family with a dropout coin after the first purchase too. @internal */
export const MBGNBD_SPEC = /* @__PURE__ */ bgnbdFamilySpec("mbgnbd", "MBG/NBD", 1);
