import { useQuery } from '@tanstack/react-query';

import { api, unwrap } from '../../../api/client';
import type { Schemas } from '../../../api/types';

export type DashboardView = Schemas['DashboardView'];
export type RunStatus = Schemas['RunStatus'];
export type SignInHour = Schemas['SignInHourView'];
export type RunPoint = Schemas['RunPointView'];

/** The dashboard's aggregates, refreshed every 30 seconds while the page is open. */
export function useDashboard() {
  return useQuery({
    queryKey: ['admin', 'dashboard'],
    queryFn: () => unwrap(api.GET('/api/admin/dashboard')),
    refetchInterval: 30_000,
  });
}
