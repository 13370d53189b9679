import "fake-indexeddb/auto";
import { cleanup, fireEvent, screen, waitFor } from "@solidjs/testing-library";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeServer, ORG, pulled, signedIn } from "../../test/fake-server";
import { startApp } from "../../test/start-app";

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
});
afterEach(cleanup);

const server = () =>
  fakeServer({
    me: signedIn("cx_ops", { id: "u-cx", name: "Carla CX" }),
    changes: [pulled("finding", "f1", { saw: "A queue at the only open till", status: "new" })],
  });

describe("the findings list's filters", { timeout: 20_000 }, () => {
  it("are folded at first, and opening the panel shows its fields", async () => {
    startApp(`/o/${ORG}/findings`, server());
    expect(await screen.findByText("A queue at the only open till", undefined, { timeout: 15_000 })).toBeTruthy();
    const panel = screen.getByText("Filters").closest("details")!;
    expect(panel.open).toBe(false);

    panel.open = true;
    fireEvent(panel, new Event("toggle"));
    expect(await screen.findByLabelText("Status")).toBeTruthy();
    expect(screen.getByLabelText("Period")).toBeTruthy();
  });

  it("come open, with the filter set, on a screen opened with one (a link from the board)", async () => {
    startApp(`/o/${ORG}/findings?status=new`, server());
    const status = await screen.findByLabelText<HTMLSelectElement>("Status", undefined, { timeout: 15_000 });
    expect(status.value).toBe("new");
    await waitFor(() => expect(status.closest("details")!.open).toBe(true));
  });
});

describe("the findings list before the device's store has opened", { timeout: 20_000 }, () => {
  it("shows its heading, New finding and the search box with its hint, the box not yet typed in", async () => {
    const never = new IDBFactory();
    never.open = () => ({}) as IDBOpenDBRequest;
    globalThis.indexedDB = never;
    startApp(`/o/${ORG}/findings`, server());

    expect(await screen.findByRole("heading", { level: 1, name: "Findings" }, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByRole("link", { name: "New finding" }).getAttribute("href")).toBe(`/o/${ORG}/findings/new`);
    expect(screen.getByText("Searches what customers saw, felt and expected, and tags.")).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>("Search findings").disabled).toBe(true);
  });
});
