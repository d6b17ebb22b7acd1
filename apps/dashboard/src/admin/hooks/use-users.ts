import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUserInput, UpdateUserInput, UserAccount } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';
import { replaceById } from '../utils/replace-by-id';

export function useUsers() {
  return useQuery({
    queryKey: queryKeys.users.list(),
    queryFn: ({ signal }) => apiClient.listUsers(signal),
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => apiClient.createUser(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users.all }),
  });
}

export interface UserUpdate {
  userId: string;
  changes: UpdateUserInput;
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, changes }: UserUpdate) => apiClient.updateUser(userId, changes),
    onSuccess: (updated) => {
      queryClient.setQueryData<UserAccount[]>(
        queryKeys.users.list(),
        (users) => users && replaceById(users, updated),
      );
    },
  });
}
