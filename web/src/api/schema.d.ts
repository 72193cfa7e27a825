// Generated from web/openapi.json by scripts/openapi.mjs: do not edit.
export interface paths {
    "/api/admin/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Dashboard_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/ldap/attributes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Diagnostics_fetchAttributes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/ldap/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Sync_start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/ldap/presets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Presets_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/ldap/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Sync_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/ldap/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Sync_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/ldap/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["LdapSettings_get"];
        put: operations["LdapSettings_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/ldap/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Diagnostics_test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/logs/ldap": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Logs_ldap"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/mailboxes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AdminMailboxes_list"];
        put?: never;
        post: operations["AdminMailboxes_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/mailboxes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AdminMailboxes_get"];
        put?: never;
        post?: never;
        delete: operations["AdminMailboxes_delete"];
        options?: never;
        head?: never;
        patch: operations["AdminMailboxes_update"];
        trace?: never;
    };
    "/api/admin/mailboxes/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AdminMailboxes_members"];
        put?: never;
        post: operations["AdminMailboxes_addMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/mailboxes/{id}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["AdminMailboxes_removeMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/mailboxes/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AdminMailboxes_preview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Users_list"];
        put?: never;
        post: operations["Users_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Users_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["Users_update"];
        trace?: never;
    };
    "/api/admin/users/{id}/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AccountLink_linkToEntry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["Users_setPassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Auth_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Auth_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Auth_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Auth_session"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Health_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Health_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Mailboxes_mine"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Metrics_scrape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AddMemberDto: {
            userId: number;
        };
        ApiErrorView: {
            /**
             * @description what went wrong, for a program to tell cases apart (USER_NOT_FOUND, SYNC_ALREADY_RUNNING, ...)
             * @example USER_NOT_FOUND
             */
            code?: string;
            /** @example Not Found */
            error?: string;
            message: string | string[];
            /** @example 404 */
            statusCode: number;
        };
        AttributeMapDto: {
            /** @example mail */
            email: string;
            firstName?: string | null;
            jobTitle?: string | null;
            lastName?: string | null;
            phone?: string | null;
        };
        AttributeMapView: {
            /** @example mail */
            email: string;
            /** @example givenName */
            firstName?: string | null;
            /** @example title */
            jobTitle?: string | null;
            /** @example sn */
            lastName?: string | null;
            /** @example telephoneNumber */
            phone?: string | null;
        };
        AttributesReportView: {
            attributes: components["schemas"]["DiscoveredAttributeView"][];
            proposedMapping: components["schemas"]["ProposedMappingView"];
            sampled: number;
        };
        /** @enum {string} */
        AuthSource: "local" | "ldap" | "sso";
        ConnectionTestView: {
            /** Format: date-time */
            at: string;
            /** @description resolve, connect, tls, bind or search */
            failedStep: string | null;
            message: string | null;
            ok: boolean;
        };
        CreateMailboxDto: {
            /** @example support@example.com */
            email?: string | null;
            /** @example (memberOf=cn=support,ou=groups,dc=example,dc=com) */
            ldapFilter?: string | null;
            /** @example Support */
            name: string;
        };
        CreateUserDto: {
            email: string;
            firstName?: string | null;
            lastName?: string | null;
            password: string;
            /**
             * @description default: agent
             * @enum {string}
             */
            role?: "admin" | "agent";
        };
        DashboardDirectoryView: {
            /** @description backup servers, tried in order when the main one does not answer */
            backupServers: number;
            enabled: boolean;
            /** @description the main server; null when none is set */
            host: string | null;
            lastTest: components["schemas"]["ConnectionTestView"] | null;
            /** @description the main server's port; null when no host is set */
            port: number | null;
            /** @description servers found from the DNS SRV records of this domain; null: off */
            srvDomain: string | null;
        };
        DashboardSyncView: {
            enabled: boolean;
            /** @description the newest run, a running one included */
            lastRun: components["schemas"]["SyncRunView"] | null;
            /**
             * Format: date-time
             * @description null when the schedule is off or the expression invalid
             */
            nextRunAt: string | null;
            /** @example 0 * * * * */
            schedule: string;
        };
        DashboardUsersView: {
            bySource: components["schemas"]["UsersBySourceView"];
            byStatus: components["schemas"]["UsersByStatusView"];
            disabledBy: components["schemas"]["UsersDisabledByView"];
            total: number;
        };
        DashboardView: {
            directory: components["schemas"]["DashboardDirectoryView"];
            /** @description the last 20 finished runs, oldest first */
            runs: components["schemas"]["RunPointView"][];
            signIns: components["schemas"]["SignInsView"];
            sync: components["schemas"]["DashboardSyncView"];
            users: components["schemas"]["DashboardUsersView"];
        };
        /** @enum {string} */
        DatabaseHealth: "ok" | "unreachable";
        /** @enum {string} */
        Deprovision: "disable" | "none";
        DiagnosticReportView: {
            notes: string[];
            /** @description the first reachable server passed every step */
            ok: boolean;
            scopes?: components["schemas"]["ScopeCountView"][];
            /** @description host, then backup servers, then SRV records, in order */
            servers: components["schemas"]["ServerReportView"][];
            serverType?: components["schemas"]["ServerType"];
            /** @description only when srvDomain is set */
            srv?: components["schemas"]["SrvReportView"];
            /** @description the first reachable server's steps */
            steps: components["schemas"]["DiagnosticStepView"][];
            /** @description one line per server that failed, and a failed SRV lookup */
            warnings: string[];
        };
        /** @enum {string} */
        DiagnosticStepName: "resolve" | "connect" | "tls" | "bind" | "search";
        DiagnosticStepView: {
            /** @description on failure: the error code, e.g. INVALID_CREDENTIALS */
            code?: string;
            /** @description on failure: what to check, in plain words */
            hint?: string;
            message: string;
            ms: number;
            ok: boolean;
            step: components["schemas"]["DiagnosticStepName"];
            warnings?: string[];
        };
        DirectoryErrorView: {
            code?: string;
            /** @example Bad Gateway */
            error?: string;
            hint?: string;
            message: string;
            /** @example 502 */
            statusCode: number;
        };
        /**
         * @description why the user is disabled: directory (the directory account is disabled, expired or locked by its administrator), sync (an import no longer found the entry), admin (a help desk admin); null while active
         * @enum {string}
         */
        DisabledBy: "directory" | "sync" | "admin";
        DiscoveredAttributeView: {
            /** @description how many sampled entries carry it */
            entries: number;
            example: string;
            name: string;
        };
        DomainErrorView: {
            /**
             * @description what went wrong, for a program to tell cases apart (LDAP_NOT_ENABLED, SYNC_ALREADY_RUNNING, ...)
             * @example LDAP_NOT_ENABLED
             */
            code: string;
            /** @example Bad Request */
            error: string;
            /** @example LDAP is not enabled */
            message: string;
            /** @example 400 */
            statusCode: number;
        };
        /** @enum {string} */
        Encryption: "none" | "ssl" | "starttls";
        /** @enum {string} */
        HealthStatus: "ok" | "error";
        HealthView: {
            database: components["schemas"]["DatabaseHealth"];
            status: components["schemas"]["HealthStatus"];
        };
        ImportDto: {
            /** @description compute the plan, change nothing */
            dryRun?: boolean;
            /** @description disable users even above maxDisablePercent */
            force?: boolean;
            /** @description a full pass even when a delta would do */
            full?: boolean;
        };
        ImportStartedView: {
            /** Format: uuid */
            runId: string;
        };
        LdapServerDto: {
            /** @example dc2.example.com */
            host: string;
            /** @description default: the port for the encryption (389, or 636 for ssl) */
            port?: number;
        };
        LdapServerView: {
            /** @example dc2.example.com */
            host: string;
            port: number;
        };
        LdapSettingsDto: {
            allowBindDnScopeLogin?: boolean;
            attributeMap?: components["schemas"]["AttributeMapDto"];
            /** @description further servers, tried in this order when the ones before are down; they share encryption and bind account */
            backupServers?: components["schemas"]["LdapServerDto"][];
            /** @example dc=example,dc=com */
            bindDn?: string;
            /** @description write-only; "********" keeps the stored one, null clears it */
            bindPassword?: string | null;
            bindUsername?: string | null;
            /** @description PEM; null, empty or blank: the system trust store */
            caCertificate?: string | null;
            /** @description true saves settings under which no active admin could sign in (else refused with 400, fields.confirmLockout); never stored */
            confirmLockout?: boolean;
            enabled?: boolean;
            encryption?: components["schemas"]["Encryption"];
            fallbackToLocal?: boolean;
            /** @example ldap.example.com */
            host?: string;
            /**
             * @example [
             *       "uid",
             *       "mail"
             *     ]
             */
            loginAttributes?: string[];
            pageSize?: number;
            port?: number;
            /** @description a directory type whose defaults to fill in; freeipa is the old name of 389-ds and still accepted */
            preset?: components["schemas"]["Preset"];
            sampleSize?: number;
            searchScopes?: components["schemas"]["SearchScopeDto"][];
            /**
             * @description discover the servers from the DNS SRV records _ldap._tcp.<srvDomain> (RFC 2782); null: off
             * @example example.com
             */
            srvDomain?: string | null;
            sso?: components["schemas"]["SsoSettingsDto"];
            sync?: components["schemas"]["SyncSettingsDto"];
            timeoutMs?: number;
            uidAttribute?: string | null;
            verifyCertificate?: boolean;
            /** @description the settings version this edit started from (GET answers it); a save over a newer one is refused with 409 */
            version?: number;
        };
        LdapSettingsSavedView: {
            notes: string[];
            settings: components["schemas"]["LdapSettingsView"];
        };
        LdapSettingsView: {
            allowBindDnScopeLogin: boolean;
            attributeMap: components["schemas"]["AttributeMapView"];
            /** @description tried in this order after host when the ones before are down */
            backupServers: components["schemas"]["LdapServerView"][];
            bindDn: string;
            /** @description "********" when a password is stored, else null */
            bindPassword: string | null;
            bindUsername: string | null;
            caCertificate: string | null;
            enabled: boolean;
            encryption: components["schemas"]["Encryption"];
            fallbackToLocal: boolean;
            /** @example ldap.example.com */
            host: string;
            loginAttributes: string[];
            pageSize: number;
            port: number;
            sampleSize: number;
            searchScopes: components["schemas"]["SearchScopeView"][];
            /** @description servers discovered from the DNS SRV records _ldap._tcp.<srvDomain>; null: off */
            srvDomain: string | null;
            sso: components["schemas"]["SsoSettingsView"];
            sync: components["schemas"]["SyncSettingsView"];
            timeoutMs: number;
            /** @description stable id attribute; null: the first of objectGUID, entryUUID, ipaUniqueID, nsUniqueId */
            uidAttribute: string | null;
            /** Format: date-time */
            updatedAt: string | null;
            updatedBy: string | null;
            verifyCertificate: boolean;
            /** @description increases with every save; a save against an older version is refused (409) */
            version: number;
        };
        LinkUserDto: {
            /**
             * @description the directory entry this account is from now on
             * @example uid=alice,ou=people,dc=example,dc=com
             */
            dn: string;
        };
        LoginDto: {
            /**
             * @description email, or a directory login name when LDAP is on
             * @example alice@example.com
             */
            login: string;
            password: string;
        };
        /** @enum {string} */
        LogLevel: "debug" | "info" | "warn" | "error";
        LogLineView: {
            actor: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description event-specific: field names, DNs, codes, counters; never a secret */
            details: {
                [key: string]: unknown;
            } | null;
            /**
             * @description dotted event name
             * @example login.failed
             */
            event: string;
            id: number;
            level: components["schemas"]["LogLevel"];
            message: string;
            /** Format: uuid */
            runId: string | null;
        };
        LogoutView: {
            /** @description present when SSO is on */
            logoutUrl?: string | null;
            /** @enum {boolean} */
            ok: true;
        };
        LogPageView: {
            items: components["schemas"]["LogLineView"][];
            page: number;
            pageSize: number;
            total: number;
        };
        MailboxMembersView: {
            directory: components["schemas"]["MemberView"][];
            manual: components["schemas"]["MemberView"][];
        };
        MailboxPreviewDto: {
            /** @example (memberOf=cn=support,ou=groups,dc=example,dc=com) */
            ldapFilter: string;
        };
        MailboxPreviewView: {
            /** @description users matched (up to the size limit) */
            count: number;
            /** @description false when a limit stopped the count */
            countExact: boolean;
            elapsedMs: number;
            /**
             * @description which limit stopped the search, in plain words
             * @example more than 1,000 users match
             */
            limitExceeded: string | null;
            /** @description what was changed in the filter before the search, in plain words */
            notes: string[];
            /** @description the first 20, sorted by email then DN */
            users: components["schemas"]["PreviewUserView"][];
        };
        MailboxSavedView: {
            email: string | null;
            id: number;
            /** @description RFC 4515 filter: directory users it matches (within the search scopes) become members */
            ldapFilter: string | null;
            name: string;
            /**
             * @description what was changed in the input, in plain words
             * @example [
             *       "ldapFilter: the DN escapes in (memberOf=CN=Support\\, EU,DC=example,DC=com) were written in RFC 4515 form"
             *     ]
             */
            notes: string[];
        };
        MailboxView: {
            email: string | null;
            id: number;
            /** @description RFC 4515 filter: directory users it matches (within the search scopes) become members */
            ldapFilter: string | null;
            name: string;
        };
        MemberView: {
            authSource: components["schemas"]["AuthSource"];
            email: string;
            firstName: string | null;
            lastName: string | null;
            status: components["schemas"]["UserStatus"];
            userId: number;
        };
        MeView: {
            authSource: components["schemas"]["AuthSource"];
            /** Format: date-time */
            createdAt: string;
            /** @description fields that come from the directory: read-only here */
            directoryFields: components["schemas"]["ProfileField"][];
            /** @description why the user is disabled: directory (the directory account is disabled, expired or locked by its administrator), sync (an import no longer found the entry), admin (a help desk admin); null while active */
            disabledBy: components["schemas"]["DisabledBy"] | null;
            email: string;
            firstName: string | null;
            id: number;
            jobTitle: string | null;
            /** Format: date-time */
            lastLoginAt: string | null;
            lastName: string | null;
            /** @description the directory entry the user comes from */
            ldapDn: string | null;
            phone: string | null;
            role: components["schemas"]["UserRole"];
            /** @description where the browser goes after sign-out when SSO is on and the proxy has a logout page */
            ssoLogoutUrl: string | null;
            status: components["schemas"]["UserStatus"];
            /** Format: date-time */
            syncedAt: string | null;
        };
        PasswordWarningView: {
            /** @description expiring: whole days left */
            days?: number;
            /** @enum {string} */
            kind: "expiring" | "grace";
            /** @description grace: sign-ins left with the expired password */
            remaining?: number;
            /** @description expiring: seconds left */
            seconds?: number;
        };
        PendingDisableView: {
            dn: string | null;
            email: string;
            id: number;
        };
        /** @enum {string} */
        PlannedAction: "create" | "update" | "enable" | "disable" | "skip" | "mailbox-add" | "mailbox-remove";
        PlannedChangeView: {
            action: components["schemas"]["PlannedAction"];
            dn: string | null;
            email: string | null;
            /** @description update: the fields that change */
            fields?: string[];
            /** @description mailbox-add, mailbox-remove: the mailbox */
            mailbox?: string;
            /** @description skip: why, e.g. "no email attribute", "duplicate email" */
            reason?: string;
        };
        /**
         * @description a directory type whose defaults to fill in; freeipa is the old name of 389-ds and still accepted
         * @enum {string}
         */
        Preset: "active-directory" | "openldap" | "389-ds" | "freeipa" | "generic";
        PresetView: {
            attributeMap: components["schemas"]["AttributeMapView"];
            /** @example OpenLDAP */
            label: string;
            /**
             * @example [
             *       "uid",
             *       "mail"
             *     ]
             */
            loginAttributes: string[];
            /**
             * @description the value of `preset` in a settings PUT
             * @example openldap
             */
            name: string;
            /**
             * @description the stable-id attribute
             * @example entryUUID
             */
            uidAttribute: string | null;
            /**
             * @description the filter every search scope gets
             * @example (objectClass=inetOrgPerson)
             */
            userFilter: string;
        };
        PreviewUserView: {
            dn: string;
            email: string | null;
            name: string | null;
        };
        /**
         * @description fields that come from the directory: read-only here
         * @enum {string}
         */
        ProfileField: "email" | "firstName" | "lastName" | "jobTitle" | "phone";
        ProposedMappingView: {
            email?: string;
            firstName?: string;
            jobTitle?: string;
            lastName?: string;
            phone?: string;
        };
        /** @enum {string} */
        ReadinessCheckStatus: "up" | "down";
        ReadinessCheckView: {
            /** @description directory only: whether LDAP is switched on */
            enabled?: boolean;
            /** @description why it is down: "unreachable" for the database, an LDAP error code (UNREACHABLE, TIMEOUT, TLS, INVALID_CREDENTIALS...) for the directory */
            reason?: string;
            status: components["schemas"]["ReadinessCheckStatus"];
        };
        /** @enum {string} */
        ReadinessStatus: "ok" | "error";
        ReadinessView: {
            /** @description every check: database, directory */
            details: {
                [key: string]: components["schemas"]["ReadinessCheckView"];
            };
            /** @description the checks that are down */
            error: {
                [key: string]: components["schemas"]["ReadinessCheckView"];
            };
            /** @description the checks that are up */
            info: {
                [key: string]: components["schemas"]["ReadinessCheckView"];
            };
            status: components["schemas"]["ReadinessStatus"];
        };
        /** @enum {string} */
        RunMode: "full" | "delta" | "dry-run";
        RunPointView: {
            durationMs: number;
            /** Format: uuid */
            id: string;
            mode: components["schemas"]["RunMode"];
            /** @description directory entries seen */
            seen: number;
            /** Format: date-time */
            startedAt: string;
            status: components["schemas"]["RunStatus"];
            /** @description seen per second of the run */
            usersPerSecond: number;
        };
        /** @enum {string} */
        RunStatus: "running" | "succeeded" | "failed" | "needs_confirmation";
        /** @enum {string} */
        RunTrigger: "cli" | "api" | "schedule";
        ScopeCountView: {
            /** @description true when counting stopped at 10,000 */
            capped: boolean;
            dn: string;
            filter: string;
            users: number;
        };
        SearchScopeDto: {
            /** @example ou=people,dc=example,dc=com */
            dn: string;
            /** @example (objectClass=inetOrgPerson) */
            filter: string;
        };
        SearchScopeView: {
            /** @example ou=people,dc=example,dc=com */
            dn: string;
            /** @example (objectClass=inetOrgPerson) */
            filter: string;
        };
        ServerReportView: {
            host: string;
            /** @description every step passed */
            ok: boolean;
            port: number;
            /** @description the TCP connection was established */
            reachable: boolean;
            scopes?: components["schemas"]["ScopeCountView"][];
            serverType?: components["schemas"]["ServerType"];
            /** @description where the server was listed: host, backupServers, or a DNS SRV record of srvDomain */
            source: components["schemas"]["ServerSource"];
            steps: components["schemas"]["DiagnosticStepView"][];
        };
        /**
         * @description where the server was listed: host, backupServers, or a DNS SRV record of srvDomain
         * @enum {string}
         */
        ServerSource: "host" | "backup" | "dns-srv";
        /** @enum {string} */
        ServerType: "active-directory" | "openldap" | "389-ds" | "unknown";
        SessionView: {
            user: components["schemas"]["MeView"] | null;
        };
        SetPasswordDto: {
            password: string;
        };
        SetPasswordResult: {
            /** @example password set; your other sessions ended, this one continues */
            message: string;
            /**
             * @description 'others' when admins set their own password: the session that asked continues
             * @enum {string}
             */
            sessionsEnded: "all" | "others";
        };
        SignInHourView: {
            /** @description throttled, or refused because the account is disabled or locked */
            blocked: number;
            failed: number;
            /**
             * Format: date-time
             * @description start of the hour (UTC)
             */
            hour: string;
            succeeded: number;
        };
        SignInsView: {
            /** Format: date-time */
            from: string;
            hours: components["schemas"]["SignInHourView"][];
            /** Format: date-time */
            to: string;
        };
        SignInView: {
            authSource: components["schemas"]["AuthSource"];
            /** Format: date-time */
            createdAt: string;
            /** @description why the user is disabled: directory (the directory account is disabled, expired or locked by its administrator), sync (an import no longer found the entry), admin (a help desk admin); null while active */
            disabledBy: components["schemas"]["DisabledBy"] | null;
            email: string;
            firstName: string | null;
            id: number;
            jobTitle: string | null;
            /** Format: date-time */
            lastLoginAt: string | null;
            lastName: string | null;
            /** @description the directory entry the user comes from */
            ldapDn: string | null;
            passwordWarning: components["schemas"]["PasswordWarningView"] | null;
            phone: string | null;
            role: components["schemas"]["UserRole"];
            status: components["schemas"]["UserStatus"];
            /** Format: date-time */
            syncedAt: string | null;
        };
        SrvRecordView: {
            host: string;
            port: number;
            priority: number;
            weight: number;
        };
        SrvReportView: {
            domain: string;
            message: string;
            /** @description the record name asked, e.g. _ldap._tcp.example.com */
            name: string;
            /** @description false when the lookup failed (records then hold the last good answer, if any) */
            ok: boolean;
            /** @description in the order they are tried (RFC 2782) */
            records: components["schemas"]["SrvRecordView"][];
        };
        SsoSettingsDto: {
            autoCreate?: boolean;
            enabled?: boolean;
            /** @example x-remote-user */
            header?: string;
            logoutUrl?: string | null;
            /** @description write-only; "********" keeps the stored one */
            secret?: string | null;
            secretHeader?: string | null;
            stripDomain?: boolean;
            trustedProxies?: string[];
        };
        SsoSettingsView: {
            autoCreate: boolean;
            enabled: boolean;
            /** @example x-remote-user */
            header: string;
            logoutUrl: string | null;
            /** @description "********" when a secret is stored, else null */
            secret: string | null;
            secretHeader: string | null;
            stripDomain: boolean;
            /**
             * @example [
             *       "127.0.0.1/32"
             *     ]
             */
            trustedProxies: string[];
        };
        SyncAlreadyRunningView: {
            /**
             * @description what went wrong, for a program to tell cases apart (LDAP_NOT_ENABLED, SYNC_ALREADY_RUNNING, ...)
             * @example SYNC_ALREADY_RUNNING
             */
            code: string;
            /** @example Conflict */
            error: string;
            /** @example a directory sync is already running (run 0b5c3c1e-7a51-4c38-9d43-1f7f0c2f8a4e) */
            message: string;
            /**
             * Format: uuid
             * @description the run holding the lock; null when its lock is held but its id could not be read
             */
            runId: string | null;
            /** @example 409 */
            statusCode: number;
        };
        SyncCountersView: {
            created: number;
            disabled: number;
            enabled: number;
            failed: number;
            mailboxAdds: number;
            mailboxRemoves: number;
            seen: number;
            skipped: number;
            unchanged: number;
            updated: number;
        };
        SyncProgressView: {
            entries: number;
            pages: number;
        };
        SyncRunsPage: {
            items: components["schemas"]["SyncRunView"][];
            page: number;
            pageSize: number;
            total: number;
        };
        SyncRunView: {
            counters: components["schemas"]["SyncCountersView"];
            /** @description so far, while running */
            durationMs: number;
            error: string | null;
            /** Format: date-time */
            finishedAt: string | null;
            /** Format: uuid */
            id: string;
            mode: components["schemas"]["RunMode"];
            /** @description the users held at the deprovision brake, waiting for a run with force (up to 1,000): a needs_confirmation run, or a failed one whose pass tripped the brake before it failed; a dry run: those a real run would hold */
            pendingDisable: components["schemas"]["PendingDisableView"][];
            /** @description how many users were held in all (pendingDisable lists the first 1,000) */
            pendingDisableTotal: number;
            progress: components["schemas"]["SyncProgressView"];
            /** @description up to 10 rows per action */
            sample: components["schemas"]["PlannedChangeView"][];
            /** Format: date-time */
            startedAt: string;
            /** @description an admin's email, cli, or null for the schedule */
            startedBy: string | null;
            status: components["schemas"]["RunStatus"];
            trigger: components["schemas"]["RunTrigger"];
            warnings: string[];
        };
        SyncSettingsDto: {
            deprovision?: components["schemas"]["Deprovision"];
            enabled?: boolean;
            fullSyncEveryHours?: number;
            logRetentionDays?: number;
            maxDisablePercent?: number;
            /** @example 0 * * * * */
            schedule?: string;
        };
        SyncSettingsView: {
            deprovision: components["schemas"]["Deprovision"];
            enabled: boolean;
            fullSyncEveryHours: number;
            logRetentionDays: number;
            maxDisablePercent: number;
            /** @description the next three scheduled runs (ISO 8601, server time zone); [] when scheduled sync is off */
            nextRuns: string[];
            /**
             * @description cron expression, 5 or 6 fields
             * @example 0 * * * *
             */
            schedule: string;
        };
        UpdateMailboxDto: {
            email?: string | null;
            ldapFilter?: string | null;
            name?: string;
        };
        UpdateUserDto: {
            firstName?: string | null;
            jobTitle?: string | null;
            lastName?: string | null;
            phone?: string | null;
            /** @enum {string} */
            role?: "admin" | "agent";
            /** @enum {string} */
            status?: "active" | "disabled";
        };
        /** @enum {string} */
        UserRole: "admin" | "agent";
        UsersBySourceView: {
            ldap: number;
            local: number;
            sso: number;
        };
        UsersByStatusView: {
            active: number;
            disabled: number;
        };
        UsersDisabledByView: {
            /** @description a help desk admin */
            admin: number;
            /** @description the directory account is disabled, expired or locked by its administrator */
            directory: number;
            /** @description an import no longer found the entry */
            sync: number;
        };
        UsersPage: {
            items: components["schemas"]["UserView"][];
            page: number;
            pageSize: number;
            total: number;
        };
        /** @enum {string} */
        UserStatus: "active" | "disabled";
        UserView: {
            authSource: components["schemas"]["AuthSource"];
            /** Format: date-time */
            createdAt: string;
            /** @description why the user is disabled: directory (the directory account is disabled, expired or locked by its administrator), sync (an import no longer found the entry), admin (a help desk admin); null while active */
            disabledBy: components["schemas"]["DisabledBy"] | null;
            email: string;
            firstName: string | null;
            id: number;
            jobTitle: string | null;
            /** Format: date-time */
            lastLoginAt: string | null;
            lastName: string | null;
            /** @description the directory entry the user comes from */
            ldapDn: string | null;
            phone: string | null;
            role: components["schemas"]["UserRole"];
            status: components["schemas"]["UserStatus"];
            /** Format: date-time */
            syncedAt: string | null;
        };
        ValidationErrorView: {
            /** @example Bad Request */
            error: string;
            /**
             * @description messages per dotted path (host, sync.schedule, searchScopes.0.filter); "" for the form as a whole
             * @example {
             *       "sync.schedule": [
             *         "sync.schedule must be a cron expression such as \"0 * * * *\" (every hour)"
             *       ]
             *     }
             */
            fields: {
                [key: string]: string[];
            };
            message: string[];
            /** @example 400 */
            statusCode: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    Dashboard_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardView"];
                };
            };
        };
    };
    Diagnostics_fetchAttributes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LdapSettingsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AttributesReportView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
            /** @description too many directory tests by this admin */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectoryErrorView"];
                };
            };
        };
    };
    Sync_start: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportDto"];
            };
        };
        responses: {
            /** @description the run started; poll GET runs/{id} */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportStartedView"];
                };
            };
            /** @description a field is wrong (`fields`), or LDAP is off (code LDAP_NOT_ENABLED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"] | components["schemas"]["DomainErrorView"];
                };
            };
            /** @description a run is already going (code SYNC_ALREADY_RUNNING): poll its runId instead */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncAlreadyRunningView"];
                };
            };
        };
    };
    Presets_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every preset a settings PUT accepts, by its name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PresetView"][];
                };
            };
        };
    };
    Sync_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncRunsPage"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
        };
    };
    Sync_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncRunView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
        };
    };
    LdapSettings_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LdapSettingsView"];
                };
            };
        };
    };
    LdapSettings_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LdapSettingsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LdapSettingsSavedView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
            /** @description changed by someone else meanwhile: reload */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
        };
    };
    Diagnostics_test: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LdapSettingsDto"];
            };
        };
        responses: {
            /** @description the settings in the body over the stored ones, saved or not */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DiagnosticReportView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
            /** @description too many directory tests by this admin */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
        };
    };
    Logs_ldap: {
        parameters: {
            query?: {
                /** @description an event or a prefix of dotted events: login matches login.failed */
                event?: string;
                from?: string;
                level?: components["schemas"]["LogLevel"];
                page?: number;
                pageSize?: number;
                /** @description text in the message or actor */
                q?: string;
                /** @description lines of one sync run */
                runId?: string;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogPageView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
        };
    };
    AdminMailboxes_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailboxView"][];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
        };
    };
    AdminMailboxes_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateMailboxDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailboxSavedView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
            /** @description the name is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
        };
    };
    AdminMailboxes_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailboxView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
        };
    };
    AdminMailboxes_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
        };
    };
    AdminMailboxes_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMailboxDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailboxSavedView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
            /** @description the name is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
        };
    };
    AdminMailboxes_members: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailboxMembersView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
        };
    };
    AdminMailboxes_addMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddMemberDto"];
            };
        };
        responses: {
            /** @description added as a manual member */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
        };
    };
    AdminMailboxes_removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                userId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description manual membership removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
        };
    };
    AdminMailboxes_preview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MailboxPreviewDto"];
            };
        };
        responses: {
            /** @description the directory users in the search scopes that the filter matches */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailboxPreviewView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
            /** @description LDAP is off or has no search scope */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
            /** @description the directory failed: its message and a hint */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectoryErrorView"];
                };
            };
        };
    };
    Users_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description part of the email, first or last name, or directory DN */
                q?: string;
                source?: components["schemas"]["AuthSource"];
                status?: components["schemas"]["UserStatus"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsersPage"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
        };
    };
    Users_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
            /** @description the email is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
        };
    };
    Users_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
        };
    };
    Users_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
        };
    };
    AccountLink_linkToEntry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LinkUserDto"];
            };
        };
        responses: {
            /** @description the account is linked to the directory entry */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            /** @description a field is wrong (`fields`), LDAP is off (code LDAP_NOT_ENABLED) or the entry maps to no user (ENTRY_UNREADABLE) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"] | components["schemas"]["DomainErrorView"];
                };
            };
            /** @description no such user (code USER_NOT_FOUND), or the DN is not a user in any search scope (ENTRY_NOT_IN_SCOPE) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DomainErrorView"];
                };
            };
            /** @description another user stands for this entry (ENTRY_ALREADY_LINKED) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DomainErrorView"];
                };
            };
        };
    };
    Users_setPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetPasswordDto"];
            };
        };
        responses: {
            /** @description password set; the user's sessions ended, but the one asking when admins set their own */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SetPasswordResult"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrorView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
        };
    };
    Auth_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            /** @description signed in: the session cookie is set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignInView"];
                };
            };
            /** @description every failure: "Invalid login or password" */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
            /** @description too many failed sign-ins; Retry-After says how long to wait (seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
        };
    };
    Auth_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogoutView"];
                };
            };
        };
    };
    Auth_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeView"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
        };
    };
    Auth_session: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionView"];
                };
            };
        };
    };
    Health_check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthView"];
                };
            };
            /** @description the database is unreachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthView"];
                };
            };
        };
    };
    Health_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadinessView"];
                };
            };
            /** @description the database or the directory does not answer */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadinessView"];
                };
            };
        };
    };
    Mailboxes_mine: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the agent's mailboxes; an admin sees all */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailboxView"][];
                };
            };
        };
    };
    Metrics_scrape: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the metrics, Prometheus text format 0.0.4 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description no admin session, token or allowed address */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
            /** @description signed in, but not as an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorView"];
                };
            };
        };
    };
}
