import { unknownClassError } from '../errors';
import { ocsfClass } from '../meta';

/** The classification attributes every OCSF event carries. */
export interface Classification {
  class_uid: number;
  class_name: string;
  category_uid: number;
  category_name: string;
  activity_id: number;
  activity_name: string;
  type_uid: number;
  type_name: string;
}

/**
 * Builds the classification attributes of an event from the compiled schema, so names and
 * `type_uid = class_uid * 100 + activity_id` are always consistent. `activityName`
 * overrides the caption (useful with activity 99 Other to keep the source's wording).
 * @throws SocError SOC_ERR_OCSF_UNKNOWN_CLASS when the class or activity does not exist.
 */
export function buildClassification(classUid: number, activityId: number, activityName?: string): Classification {
  const cls = ocsfClass(classUid);
  const caption = cls?.activities[String(activityId)];
  if (!cls || caption === undefined) throw unknownClassError(classUid, activityId);
  const activity_name = activityName ?? caption;
  return {
    class_uid: classUid,
    class_name: cls.caption,
    category_uid: cls.category_uid,
    category_name: cls.category_name,
    activity_id: activityId,
    activity_name,
    type_uid: classUid * 100 + activityId,
    type_name: `${cls.caption}: ${activity_name}`,
  };
}
