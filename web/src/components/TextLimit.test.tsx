import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { createSignal, type JSX } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MAX_TAGS, TEXT_MAX } from "../../../shared/limits";
import { AutoSaveText } from "../fields/AutoSaveText";
import { TagsField } from "../fields/TagsField";
import { AppProvider, createAppState } from "../context";
import { memoryStore } from "../data/storage";
import { TextField } from "../fields/Fields";
import { describedBy } from "../test/described-by";

function renderIn(language: "en" | "nl", ui: () => JSX.Element) {
  const state = createAppState({ storage: memoryStore(), browserLanguage: language === "nl" ? "nl-NL" : "en-GB" });
  return render(() => <AppProvider state={state}>{ui()}</AppProvider>);
}

/** The finding's "what did you see" as the finding screen has it, with a save that records its calls. */
function findingText(language: "en" | "nl" = "en") {
  const save = vi.fn(async (_text: string) => undefined);
  renderIn(language, () => <AutoSaveText id="finding-saw" label="What did you see?" limit={TEXT_MAX} value="" save={save} />);
  return { save, field: screen.getByLabelText("What did you see?") as HTMLTextAreaElement };
}

const type = (field: HTMLElement, value: string) => fireEvent.input(field, { target: { value } });

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("a text with a limit (AutoSaveText)", () => {
  it("refuses 5,001 pasted characters with a message, keeps them in the field and never saves them", async () => {
    vi.useFakeTimers();
    const { save, field } = findingText();
    const pasted = "x".repeat(TEXT_MAX + 1);
    type(field, pasted);
    vi.advanceTimersByTime(2000);
    fireEvent.blur(field);

    expect(save).not.toHaveBeenCalled();
    expect(field.value).toBe(pasted);
    expect(field.getAttribute("aria-invalid")).toBe("true");
    const alert = screen.getByText(/Too long to save: at most 5,000 characters/);
    expect(alert.closest("[role=alert]")).not.toBeNull();
    expect(field.getAttribute("aria-describedby")).toContain(alert.id);
    expect(describedBy(field)).toContain("5,001 / 5,000 characters");

    // Shortened to the limit, it saves whole.
    type(field, "y".repeat(TEXT_MAX));
    fireEvent.blur(field);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0]![0]).toHaveLength(TEXT_MAX);
    expect(screen.queryByText(/Too long to save/)).toBeNull();
  });

  it("does not save an over-long text when the screen closes", () => {
    const { save, field } = findingText();
    type(field, "x".repeat(TEXT_MAX + 1));
    cleanup();
    expect(save).not.toHaveBeenCalled();
  });

  it("shows a counter, announced politely, from 80% of the limit on", () => {
    const { field } = findingText();
    type(field, "x".repeat(3999));
    expect(screen.queryByText(/\/ 5,000 characters/)).toBeNull();

    type(field, "x".repeat(4612));
    const counter = screen.getByText("4,612 / 5,000 characters");
    expect(counter.getAttribute("aria-live")).toBe("polite");
    expect(field.getAttribute("aria-describedby")).toContain(counter.id);
    expect(field.getAttribute("aria-invalid")).toBeNull();
  });

  it("counts in Dutch", () => {
    const { field } = findingText("nl");
    type(field, "x".repeat(5001));
    expect(describedBy(field)).toContain("5.001 / 5.000 tekens");
    expect(describedBy(field)).toContain("Te lang om te bewaren: hooguit 5.000 tekens");
  });
});

describe("a form field with a limit (TextField)", () => {
  it("marks a text over the limit with the reason instead of cutting it", () => {
    renderIn("en", () => {
      const [title, setTitle] = createSignal("");
      return <TextField id="action-title" label="Action" limit={500} value={title()} onValue={setTitle} />;
    });
    const field = screen.getByLabelText("Action") as HTMLInputElement;
    expect(field.maxLength).toBe(-1);
    type(field, "x".repeat(501));
    expect(field.value).toHaveLength(501);
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(describedBy(field)).toContain("501 / 500 characters");
    expect(describedBy(field)).toContain("Too long to save: at most 500 characters");
  });
});

describe("a finding's tags", () => {
  const tags = (n: number) => Array.from({ length: n }, (_, i) => `tag${i + 1}`).join(", ");

  function tagsField() {
    const save = vi.fn(async (_tags: string[]) => undefined);
    renderIn("en", () => <TagsField id="finding-tags" label="Tags" tags={[]} save={save} />);
    return { save, field: screen.getByLabelText("Tags") as HTMLInputElement };
  }

  it("tells the limits before they are reached", () => {
    const { field } = tagsField();
    expect(describedBy(field)).toBe("Separate them with commas: up to 30 tags of at most 40 characters each.");
  });

  it("refuses 31 tags with a message and saves none of them", () => {
    const { save, field } = tagsField();
    type(field, tags(MAX_TAGS + 1));
    fireEvent.blur(field);
    expect(save).not.toHaveBeenCalled();
    expect(field.value).toBe(tags(31));
    expect(describedBy(field)).toContain("31 / 30 tags");
    expect(describedBy(field)).toContain("Too many tags to save: at most 30, these are 31");

    type(field, tags(MAX_TAGS));
    fireEvent.blur(field);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0]![0]).toHaveLength(30);
  });

  it("refuses a tag over 40 characters rather than cutting it", () => {
    const { save, field } = tagsField();
    type(field, `queue, ${"a".repeat(41)}`);
    fireEvent.blur(field);
    expect(save).not.toHaveBeenCalled();
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(describedBy(field)).toMatch(/is too long to save: at most 40 characters a tag/);
  });
});
