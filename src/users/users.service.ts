import { Injectable, Logger } from '@nestjs/common';

import { ConflictError, NotFoundError } from '../common/domain-error.js';
import { validationFailed } from '../common/field-errors.js';
import {
  CreateUserDto,
  ListUsersQuery,
  SetPasswordResult,
  toUserView,
  UpdateUserDto,
  UsersPage,
} from './dto/user.dto.js';
import { UserEntity } from './entities/user.entity.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionsRepository } from './sessions.repository.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly hasher: PasswordHasher,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
  ) {}

  /** A page of users, filtered by text (email, names, DN), source and status. */
  async list(query: ListUsersQuery): Promise<UsersPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { items, total } = await this.users.list({ ...query, page, pageSize });
    return { items: items.map(toUserView), total, page, pageSize };
  }

  /** The user with this id; NotFoundError (USER_NOT_FOUND, 404) when there is none. */
  async get(id: number): Promise<UserEntity> {
    const user = await this.users.getById(id);
    if (!user) throw new NotFoundError('USER_NOT_FOUND', `user ${id} not found`);
    return user;
  }

  /** A new local user with a hashed password; ConflictError (USER_EMAIL_TAKEN, 409) when the email is taken. */
  async createLocal(dto: CreateUserDto): Promise<UserEntity> {
    if (await this.users.getByEmail(dto.email))
      throw new ConflictError('USER_EMAIL_TAKEN', 'a user with this email already exists');
    const user = await this.users.create({
      email: dto.email,
      firstName: dto.firstName ?? null,
      lastName: dto.lastName ?? null,
      jobTitle: null,
      phone: null,
      role: dto.role ?? 'agent',
      status: 'active',
      authSource: 'local',
      passwordHash: await this.hasher.hash(dto.password),
      ldapUid: null,
      ldapDn: null,
      lastLoginAt: null,
      syncedAt: null,
    });
    this.logger.log(`created local user ${user.email} (${user.role})`);
    return user;
  }

  /**
   * Changes a user; `actorId` (the admin asking) may not disable their own account (400,
   * fields.status), and no change may leave no active admin (400, fields.role or fields.status).
   */
  async update(id: number, dto: UpdateUserDto, actorId?: number): Promise<UserEntity> {
    if (dto.status === 'disabled' && id === actorId) {
      const message = 'you cannot disable your own account: another admin can';
      throw validationFailed([message], { status: [message] });
    }
    const user = await this.get(id);
    const { status, role, ...fields } = dto;
    const changes = {
      role: role && role !== user.role ? role : undefined,
      status: status && status !== user.status ? status : undefined,
    };
    if ((changes.role || changes.status) && !(await this.users.setRoleAndStatus(id, changes))) {
      await this.get(id);
      const message = `${user.email} is the last active admin: make another user an admin first`;
      throw validationFailed([message], { [changes.role ? 'role' : 'status']: [message] });
    }
    return Object.keys(fields).length > 0 ? this.users.update(id, fields) : this.get(id);
  }

  /**
   * Sets a local password and ends the user's sessions, but the caller's own when admins set their
   * own password (`caller`: who asks, with the id hash of the session asking); NotFoundError (404)
   * when there is no such user. The current password is not asked: an admin may set anyone's.
   */
  async setPassword(
    id: number,
    password: string,
    caller?: { userId: number; sessionIdHash: string | undefined },
  ): Promise<SetPasswordResult> {
    await this.get(id);
    await this.users.update(id, { passwordHash: await this.hasher.hash(password) });
    // A new password ends the sessions that the old one opened, but the one setting it.
    const keep = caller?.userId === id ? caller.sessionIdHash : undefined;
    await this.sessions.deleteSessionsOfUser(id, keep);
    return keep === undefined
      ? { sessionsEnded: 'all', message: "password set; the user's sessions ended" }
      : { sessionsEnded: 'others', message: 'password set; your other sessions ended, this one continues' };
  }
}
