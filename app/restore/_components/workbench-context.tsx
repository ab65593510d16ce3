'use client';

import { createContext, useContext, useEffect, useState } from 'react';

import { createRestoreClient, type ModelFiles, type RestoreClient } from '@/lib/rcan/browser';

/** A model trained on this page, kept in memory only. */
export interface TrainedModel {
  files: ModelFiles;
  /** e.g. "2 pairs, 4 epochs". */
  label: string;
}

interface WorkbenchState {
  client: RestoreClient;
  trained: TrainedModel | null;
  setTrained(model: TrainedModel | null): void;
}

const WorkbenchContext = createContext<WorkbenchState | null>(null);

/** One restoration worker per page, shared by the restore and training sections, and the trained model. */
export function WorkbenchProvider({ children }: { children: React.ReactNode }) {
  // The client starts its worker on the first call, so creating it during render is cheap and SSR-safe.
  const [client] = useState(() => createRestoreClient());
  const [trained, setTrained] = useState<TrainedModel | null>(null);
  useEffect(() => () => client.dispose(), [client]);
  return <WorkbenchContext.Provider value={{ client, trained, setTrained }}>{children}</WorkbenchContext.Provider>;
}

/** The shared client and trained model; only inside {@link WorkbenchProvider}. */
export function useWorkbench(): WorkbenchState {
  const state = useContext(WorkbenchContext);
  if (!state) throw new Error('useWorkbench must be used inside <WorkbenchProvider>');
  return state;
}
