import actionItems from "./action-items";
import calendar from "./calendar";
import meetings from "./meetings";
import minutes from "./minutes";
import type { MatrixSection } from "./types";

/** Every feature's section of the authorization matrix. */
export const sections: MatrixSection[] = [meetings, minutes, actionItems, calendar];
