import actionItems from "./action-items";
import activities from "./activities";
import calendar from "./calendar";
import consultations from "./consultations";
import meetings from "./meetings";
import minutes from "./minutes";
import plan from "./plan";
import type { MatrixSection } from "./types";

/** Every feature's section of the authorization matrix. */
export const sections: MatrixSection[] = [
  meetings,
  minutes,
  actionItems,
  calendar,
  plan,
  consultations,
  activities,
];
