import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';

import { ApiError } from '../../../api/client';
import { type SettingsView, useFetchAttributes, useSaveSettings, useTestConnection } from './api';
import { changes, type FormValues, fromView, placeErrors, probeBody, type TargetChange, targetChanges } from './form';

export interface Problem {
  title: string;
  messages: string[];
  /** How many of the server's field errors are shown beside their fields. */
  placed: number;
}

/**
 * The page's state: the values on screen, the stored values they are compared with, and the
 * server's answers (field errors, notes, a conflict). Saving, testing and fetching all send
 * only what differs from the stored settings.
 */
export function useDirectoryForm(view: SettingsView) {
  const [base, setBase] = useState<FormValues>(() => fromView(view));
  const [values, setValues] = useState<FormValues>(base);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [notes, setNotes] = useState<string[]>([]);
  const [confirming, setConfirming] = useState<TargetChange[] | null>(null);
  /** The server's reason why no admin could sign in after this save, while asking to confirm it. */
  const [lockout, setLockout] = useState<string | null>(null);
  const save = useSaveSettings();
  const test = useTestConnection();
  const attributes = useFetchAttributes();

  const body = useMemo(() => changes(values, base), [values, base]);
  const dirty = Object.keys(body).length > 0;

  function update(change: (v: FormValues) => FormValues) {
    setValues(change);
  }

  /** A 400's field errors go beside their fields; what has no field on screen goes to the summary. */
  function showError(error: unknown, title: string) {
    if (error instanceof ApiError && error.status === 409) {
      setConflict(error.message);
      return;
    }
    if (error instanceof ApiError && error.status === 400 && Object.keys(error.fields).length > 0) {
      const { placed, unplaced } = placeErrors(error.fields);
      setFieldErrors(placed);
      setProblem({ title, messages: unplaced, placed: Object.keys(placed).length });
      return;
    }
    setFieldErrors({});
    setProblem({ title, messages: [error instanceof Error ? error.message : String(error)], placed: 0 });
  }

  function clearProblems() {
    setFieldErrors({});
    setProblem(null);
  }

  function doSave(confirmLockout = false) {
    setConfirming(null);
    setLockout(null);
    clearProblems();
    setNotes([]);
    save.mutate(confirmLockout ? { ...body, confirmLockout: true } : body, {
      onSuccess: (saved) => {
        const stored = fromView(saved.settings);
        setBase(stored);
        setValues(stored);
        setNotes(saved.notes);
        notifications.show({
          color: 'green',
          title: 'Directory settings saved',
          message: saved.notes.length > 0 ? 'See the notes at the top of the page.' : 'The change applies at once.',
        });
      },
      onError: (error) => {
        const reason = error instanceof ApiError && error.status === 400 ? error.fields.confirmLockout : undefined;
        if (reason && !confirmLockout) setLockout(reason.join(' '));
        else showError(error, 'The settings were not saved');
      },
    });
  }

  function requestSave() {
    const targets = targetChanges(values, base);
    if (targets.length > 0) setConfirming(targets);
    else doSave();
  }

  function runTest() {
    clearProblems();
    test.mutate(probeBody(body), { onError: (error) => showError(error, 'The connection test could not run') });
  }

  function fetchAttributes() {
    clearProblems();
    attributes.mutate(probeBody(body), {
      onError: (error) => {
        if (error instanceof ApiError && error.status === 400) showError(error, 'Attributes could not be fetched');
      },
    });
  }

  /** After a 409: the stored settings replace what is on screen. */
  function reset(next: SettingsView) {
    const stored = fromView(next);
    setBase(stored);
    setValues(stored);
    clearProblems();
    setConflict(null);
    setNotes([]);
  }

  return {
    values,
    base,
    body,
    dirty,
    update,
    discard: () => {
      setValues(base);
      clearProblems();
    },
    error: (path: string) => fieldErrors[path]?.join(' '),
    problem,
    conflict,
    notes,
    confirming,
    cancelConfirm: () => setConfirming(null),
    lockout,
    cancelLockout: () => setLockout(null),
    requestSave,
    doSave,
    saving: save.isPending,
    runTest,
    test,
    fetchAttributes,
    attributes,
    reset,
    setValues,
  };
}
