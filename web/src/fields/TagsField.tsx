import { MAX_TAGS, TAG_MAX } from "../../../shared/limits";
import { formatCount, type Fit } from "../components/TextLimit";
import { useApp } from "../context";
import { parseTags, tagsProblem } from "../capture/model";
import { AutoSaveText } from "./AutoSaveText";

/**
 * A finding's tags, typed with commas between them. They are saved only as typed: more than
 * MAX_TAGS tags, or one longer than TAG_MAX characters, is refused with a message, never cut.
 */
export function TagsField(props: { id: string; label: string; tags: readonly string[]; readOnly?: boolean; save: (tags: string[]) => Promise<unknown> }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const quote = (tag: string) => (tag.length > 24 ? `${tag.slice(0, 20)}…` : tag);
  const fit = (text: string): Fit => {
    const tags = parseTags(text);
    const problem = tagsProblem(tags);
    const max = formatCount(i18n, MAX_TAGS);
    return {
      count: tags.length,
      max: MAX_TAGS,
      unit: "tags",
      problem:
        problem === null
          ? null
          : problem.code === "tooMany"
            ? t("limit.tooManyTags", { max, count: formatCount(i18n, problem.count) })
            : t("limit.tagTooLong", { tag: quote(problem.tag), max: formatCount(i18n, TAG_MAX) }),
    };
  };
  return (
    <AutoSaveText
      id={props.id}
      label={props.label}
      hint={t("finding.tagsHint", { max: MAX_TAGS, length: TAG_MAX })}
      multiline={false}
      readOnly={props.readOnly}
      value={props.tags.join(", ")}
      fit={fit}
      save={(text) => props.save(parseTags(text))}
    />
  );
}
