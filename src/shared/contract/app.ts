import type { AppInfo, Settings } from '../domain';
import { Theme } from '../domain';
import { z } from 'zod';
import { method, NoInput } from './define';

export const appContract = {
  info: method<AppInfo>()(NoInput),
};

export const settingsContract = {
  get: method<Settings>()(NoInput),
  update: method<Settings>()(z.object({ theme: Theme.optional() }).strict()),
};
