import { test, expect } from './fixtures';
import { applyFromMonsWithBasicDutch } from './support/journey';
import { Passerelle } from './support/passerelle';

test('a Dutch-language session on a laptop goes from "mons" to a sent application', async ({ page, api, request, problems }, testInfo) => {
  await applyFromMonsWithBasicDutch(new Passerelle(page, 'nl'), api, request, testInfo.project.name);
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});
