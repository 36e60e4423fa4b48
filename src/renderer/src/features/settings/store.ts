import { create } from 'zustand';
import type { AppInfo, Settings, Theme } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError } from '../../app/notices';

interface SettingsState {
  settings: Settings;
  info: AppInfo | null;
  load: () => Promise<void>;
  setTheme: (theme: Theme) => Promise<void>;
  setBackupsToKeep: (n: number) => Promise<void>;
}

const initial = { settings: { theme: 'system', backupsToKeep: 10, leaderboards: false } as Settings, info: null };

export const useSettings = create<SettingsState>((set) => ({
  ...initial,
  load: async () => {
    try {
      const [settings, info] = await Promise.all([unwrap(api.settings.get()), unwrap(api.app.info())]);
      set({ settings, info });
    } catch (error) {
      reportError(error);
    }
  },
  setTheme: async (theme) => {
    set((s) => ({ settings: { ...s.settings, theme } }));
    try {
      set({ settings: await unwrap(api.settings.update({ theme })) });
    } catch (error) {
      reportError(error);
    }
  },
  setBackupsToKeep: async (backupsToKeep) => {
    set((s) => ({ settings: { ...s.settings, backupsToKeep } }));
    try {
      set({ settings: await unwrap(api.settings.update({ backupsToKeep })) });
    } catch (error) {
      reportError(error);
    }
  },
}));

export const resetSettingsStore = () => useSettings.setState(initial);
