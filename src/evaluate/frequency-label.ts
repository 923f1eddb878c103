import { shown } from "../errors-shown.js";
/** "0", "1", …, "7+": the label of a calibration-frequency group when frequencies from `maximum` up share one. @internal */
export function frequencyLabel(group: number, maximum: number): string {
  return group === maximum ? `${maximum}+` : shown(group);
}
