using AnjuPortal.Application.Common;
using AnjuPortal.Application.Jurisdictions;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Infrastructure.Identity;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Web.Features.Users;

/// <summary>
/// 用户管理: a system administrator lists and manages the accounts of their own jurisdiction subtree (a city's
/// administrator: that city and its counties; the province's: everyone). Create an account with one role, change its
/// role or unit, lock and unlock it, set a new temporary password, reset its two-step verification, end all its
/// sessions. Every operation demands <see cref="Permission.Administer"/>.
/// <para>
/// Accounts are not tenant-owned rows (sign-in must find them before anyone is signed in), so the subtree is applied
/// here, in <see cref="InScope"/>, the one place this class reads users. An account outside it is "not found".
/// </para>
/// <para>
/// Each operation works on its own short-lived context with a <see cref="UserManager{TUser}"/> over it that does not
/// save by itself: all of an operation's changes are saved once, so they are audited together (a role change is one
/// record), and a refused step leaves nothing half done. The scoped UserManager would share one context with the whole
/// Blazor circuit.
/// </para>
/// <para>
/// Whatever changes what a user may do or proves who they are (role, unit, lock, password, two-step verification,
/// "end sessions") changes the security stamp and ends the user's sessions at once (<see cref="SessionActivity.EndAllAsync"/>):
/// the next request of an open cookie goes to the sign-in page, and open pages lose the user within the minute in which
/// circuits are checked.
/// </para>
/// </summary>
public sealed class UserAdministration(
    DbContextOptions<AppDbContext> options,
    ICurrentUser actor,
    SessionActivity sessions,
    TimeProvider clock,
    IServiceProvider services,
    ILogger<UserAdministration> logger)
{
    public const int UserNameMaxLength = 64;
    public const int DisplayNameMaxLength = 50;

    public const string NotFound = "用户不存在，或不在您的管辖范围内。";
    public const string UnitOutOfScope = "所选单位不存在，或不在您的管辖范围内。";
    public const string CannotLockSelf = "不能锁定自己的账号，请由另一位系统管理员操作。";
    public const string CannotReassignSelf = "不能更改自己的角色或所属单位，请由另一位系统管理员操作。";
    public const string Conflict = "该用户刚被其他管理员修改，请刷新后重试。";

    /// <summary>What <c>AuditLog.RecordSignInAsync</c> files sign-ins under (the entity id is the user's id).</summary>
    private const string SignInRecordType = "Account";

    /// <summary>Identity's own name for the token row of recovery codes (<c>UserStoreBase</c>: internal login provider).</summary>
    private const string IdentityTokenProvider = "[AspNetUserStore]";
    private const string RecoveryCodesTokenName = "RecoveryCodes";

    /// <summary>
    /// Which roles fit a unit of which level: province roles at the province, operators at their own level, supervisors
    /// and system administrators at any level. With units limited to the administrator's subtree, an administrator can
    /// never create an account above their own level.
    /// </summary>
    public static bool RoleFits(string role, JurisdictionLevel level) => role switch
    {
        Roles.ProvinceAdministrator or Roles.ProvinceReviewer => level <= JurisdictionLevel.Province,
        Roles.CityOperator => level == JurisdictionLevel.Prefecture,
        Roles.CountyOperator => level == JurisdictionLevel.County,
        Roles.Supervisor or Roles.SystemAdministrator => true,
        _ => false,
    };

    public static IReadOnlyList<string> RolesFor(JurisdictionLevel level) => Roles.All.Where(r => RoleFits(r, level)).ToList();

    /// <summary>The units accounts may be placed in: the administrator's own subtree, in tree order.</summary>
    public async Task<IReadOnlyList<JurisdictionOption>> UnitsAsync(CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        await using var db = new AppDbContext(options, actor);
        var rows = await db.Jurisdictions.AsNoTracking()
            .Select(j => new JurisdictionOption(j.Id, j.Code, j.Name, j.Level, j.ParentId, j.Path, j.IsFunctionalZone))
            .ToListAsync(ct);
        return JurisdictionDirectory.OrderAsTree(rows);
    }

    public async Task<PagedResult<UserRow>> ListAsync(UserFilter filter, PageRequest page, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        actor.Demand(Permission.Administer);
        await using var db = new AppDbContext(options, actor);
        var query = InScope(db).AsNoTracking();

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            var upper = term.ToUpperInvariant();
            query = query.Where(u => u.NormalizedUserName!.Contains(upper) || u.DisplayName.Contains(term));
        }

        if (filter.JurisdictionId is { } unitId)
        {
            var path = await db.Jurisdictions.Where(j => j.Id == unitId).Select(j => j.Path).FirstOrDefaultAsync(ct);
            query = path is null ? query.Where(_ => false) : query.Where(u => u.Jurisdiction!.Path.StartsWith(path));
        }

        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderBy(u => u.Jurisdiction!.Path)
            .ThenBy(u => u.NormalizedUserName)
            .Skip(page.Skip)
            .Take(page.SafePageSize)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, u.JurisdictionId, JurisdictionName = u.Jurisdiction!.Name, u.Jurisdiction.Level,
                u.LockoutEnd, u.TwoFactorEnabled, u.IsDemoAccount,
                Role = db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name)
                    .OrderBy(name => name)
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);

        var lastSignIns = await LastSignInsAsync(db, rows.Select(r => r.Id).ToList(), ct);
        var now = clock.GetUtcNow();
        var items = rows.Select(u => new UserRow(
                u.Id, u.UserName ?? string.Empty, u.DisplayName, u.JurisdictionId, u.JurisdictionName, u.Level, u.Role,
                u.LockoutEnd is { } end && end > now, u.LockoutEnd is { } until && until > now ? until : null,
                u.TwoFactorEnabled, lastSignIns.TryGetValue(u.Id, out var signedIn) ? signedIn : null, u.IsDemoAccount, IsSelf(u.Id)))
            .ToList();
        return new PagedResult<UserRow>(items, total);
    }

    /// <summary>Creates an account with one role in a unit of the subtree; the initial password must pass Identity's validators.</summary>
    public async Task<CommandResult<string>> CreateAsync(NewUserInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Permission.Administer);
        var userName = input.UserName?.Trim() ?? string.Empty;
        if (userName.Length == 0 || userName.Length > UserNameMaxLength || userName.Any(char.IsWhiteSpace))
        {
            return CommandResult<string>.Failure(nameof(NewUserInput.UserName), "用户名须为 1 至 64 个字符，且不能包含空格。");
        }

        if (DisplayNameError(input.DisplayName) is { } nameError)
        {
            return CommandResult<string>.Failure(nameof(NewUserInput.DisplayName), nameError);
        }

        await using var work = Open();
        var unit = await UnitAsync(work.Db, input.JurisdictionId, ct);
        if (unit is null)
        {
            return CommandResult<string>.Failure(nameof(NewUserInput.JurisdictionId), UnitOutOfScope);
        }

        if (RoleError(input.Role, unit) is { } roleError)
        {
            return CommandResult<string>.Failure(nameof(NewUserInput.Role), roleError);
        }

        if (await work.Users.FindByNameAsync(userName) is not null)
        {
            return DuplicateUserName(userName);
        }

        var user = new AppUser { UserName = userName, DisplayName = input.DisplayName.Trim(), JurisdictionId = unit.Id };
        var created = await work.Users.CreateAsync(user, input.Password ?? string.Empty);
        if (!created.Succeeded)
        {
            return Failed(created);
        }

        var added = await work.Users.AddToRoleAsync(user, input.Role!);
        if (!added.Succeeded)
        {
            return Failed(added);
        }

        try
        {
            await work.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another administrator may have taken the name between our check and our save.
            if (!await UserNameTakenAsync(userName, ct))
            {
                throw;
            }

            return DuplicateUserName(userName);
        }

        logger.LogInformation("Administrator {Actor} created user {UserId} with role {Role}", actor.ActorName(), user.Id, input.Role);
        return CommandResult<string>.Success(user.Id);
    }

    /// <summary>Changes the person's name, the unit (within the subtree) and the role. A new role or unit ends the user's sessions.</summary>
    public Task<CommandResult<string>> ChangeAssignmentAsync(string userId, UserAssignmentInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ChangeUserAsync(userId, nameof(ChangeAssignmentAsync), async (work, user) =>
        {
            if (DisplayNameError(input.DisplayName) is { } nameError)
            {
                return Change.Refused(nameof(UserAssignmentInput.DisplayName), nameError);
            }

            var unit = await UnitAsync(work.Db, input.JurisdictionId, ct);
            if (unit is null)
            {
                return Change.Refused(nameof(UserAssignmentInput.JurisdictionId), UnitOutOfScope);
            }

            if (RoleError(input.Role, unit) is { } roleError)
            {
                return Change.Refused(nameof(UserAssignmentInput.Role), roleError);
            }

            var current = await work.Users.GetRolesAsync(user);
            var roleChanges = !(current.Count == 1 && current[0] == input.Role);
            var unitChanges = user.JurisdictionId != unit.Id;
            if ((roleChanges || unitChanges) && IsSelf(user.Id))
            {
                return Change.Refused(string.Empty, CannotReassignSelf);
            }

            user.DisplayName = input.DisplayName.Trim();
            user.JurisdictionId = unit.Id;
            if (roleChanges)
            {
                if (current.Count > 0 && await work.Users.RemoveFromRolesAsync(user, current) is { Succeeded: false } removed)
                {
                    return Change.Refused(removed);
                }

                if (await work.Users.AddToRoleAsync(user, input.Role!) is { Succeeded: false } added)
                {
                    return Change.Refused(added);
                }
            }

            return Change.Done(endsSessions: roleChanges || unitChanges);
        }, ct);
    }

    /// <summary>Locks the account until an administrator unlocks it, and ends its sessions.</summary>
    public Task<CommandResult<string>> LockAsync(string userId, CancellationToken ct = default)
        => ChangeUserAsync(userId, nameof(LockAsync), async (work, user) =>
        {
            if (IsSelf(user.Id))
            {
                return Change.Refused(string.Empty, CannotLockSelf);
            }

            if (!await work.Users.GetLockoutEnabledAsync(user) && await work.Users.SetLockoutEnabledAsync(user, true) is { Succeeded: false } enabling)
            {
                return Change.Refused(enabling);
            }

            return await work.Users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue) is { Succeeded: false } locking
                ? Change.Refused(locking)
                : Change.Done(endsSessions: true);
        }, ct);

    /// <summary>Lifts a lock (an administrator's, or the 15 minutes after five wrong passwords) and forgets the failed attempts.</summary>
    public Task<CommandResult<string>> UnlockAsync(string userId, CancellationToken ct = default)
        => ChangeUserAsync(userId, nameof(UnlockAsync), async (work, user) =>
        {
            if (await work.Users.SetLockoutEndDateAsync(user, null) is { Succeeded: false } unlocking)
            {
                return Change.Refused(unlocking);
            }

            return await work.Users.ResetAccessFailedCountAsync(user) is { Succeeded: false } resetting
                ? Change.Refused(resetting)
                : Change.Done(endsSessions: false);
        }, ct);

    /// <summary>Sets a new temporary password (checked like any password) and ends the user's sessions.</summary>
    public Task<CommandResult<string>> ResetPasswordAsync(string userId, string newPassword, CancellationToken ct = default)
        => ChangeUserAsync(userId, nameof(ResetPasswordAsync), async (work, user) =>
        {
            if (await work.Users.RemovePasswordAsync(user) is { Succeeded: false } removed)
            {
                return Change.Refused(removed);
            }

            return await work.Users.AddPasswordAsync(user, newPassword ?? string.Empty) is { Succeeded: false } added
                ? Change.Refused(added)
                : Change.Done(endsSessions: true);
        }, ct);

    /// <summary>
    /// Turns two-step verification off, replaces the authenticator key and deletes the recovery codes, and ends the
    /// user's sessions: the old phone and codes no longer work, and roles that require it must enrol again at sign-in.
    /// </summary>
    public Task<CommandResult<string>> ResetTwoFactorAsync(string userId, CancellationToken ct = default)
        => ChangeUserAsync(userId, nameof(ResetTwoFactorAsync), async (work, user) =>
        {
            if (await work.Users.SetTwoFactorEnabledAsync(user, false) is { Succeeded: false } disabled)
            {
                return Change.Refused(disabled);
            }

            if (await work.Users.ResetAuthenticatorKeyAsync(user) is { Succeeded: false } reset)
            {
                return Change.Refused(reset);
            }

            return await work.Users.RemoveAuthenticationTokenAsync(user, IdentityTokenProvider, RecoveryCodesTokenName) is { Succeeded: false } removed
                ? Change.Refused(removed)
                : Change.Done(endsSessions: true);
        }, ct);

    /// <summary>Ends every session of the user: open cookies at their next request, open pages within a minute.</summary>
    public Task<CommandResult<string>> EndSessionsAsync(string userId, CancellationToken ct = default)
        => ChangeUserAsync(userId, nameof(EndSessionsAsync), (_, _) => Task.FromResult(Change.Done(endsSessions: true)), ct);

    /// <summary>The users this administrator may see and touch: those whose unit lies in the administrator's subtree.</summary>
    private IQueryable<AppUser> InScope(AppDbContext db)
    {
        var scope = actor.ScopePath();
        return db.Users.Where(u => u.Jurisdiction!.Path.StartsWith(scope));
    }

    private bool IsSelf(string userId) => !actor.IsSystem && string.Equals(userId, actor.UserId, StringComparison.Ordinal);

    private async Task<CommandResult<string>> ChangeUserAsync(
        string userId, string operation, Func<Work, AppUser, Task<Change>> change, CancellationToken ct)
    {
        actor.Demand(Permission.Administer);
        await using var work = Open();
        var user = await InScope(work.Db).FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return CommandResult<string>.Failure(string.Empty, NotFound);
        }

        var outcome = await change(work, user);
        if (outcome.Error is { } error)
        {
            return error;
        }

        if (outcome.EndsSessions && await work.Users.UpdateSecurityStampAsync(user) is { Succeeded: false } stamping)
        {
            return Failed(stamping);
        }

        try
        {
            await work.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult<string>.Failure(string.Empty, Conflict);
        }

        if (outcome.EndsSessions)
        {
            await sessions.EndAllAsync(user.Id, ct);
        }

        logger.LogInformation("Administrator {Actor}: {Operation} on user {UserId}", actor.ActorName(), operation, user.Id);
        return CommandResult<string>.Success(user.Id);
    }

    private Work Open()
    {
        var db = new AppDbContext(options, actor);
        var store = new UnitOfWorkUserStore(db, services.GetService<IdentityErrorDescriber>());
        var users = ActivatorUtilities.CreateInstance<UserManager<AppUser>>(services, store);
        return new Work(db, store, users);
    }

    private static async Task<Jurisdiction?> UnitAsync(AppDbContext db, int? jurisdictionId, CancellationToken ct)
        => jurisdictionId is { } id ? await db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct) : null;

    private static string? RoleError(string? role, Jurisdiction unit)
        => role is null || !Roles.All.Contains(role) ? "请选择角色。"
            : RoleFits(role, unit.Level) ? null
            : $"“{Roles.DisplayName(role)}”不能设在{unit.Name}，请选择与单位级别相符的角色。";

    private static string? DisplayNameError(string? displayName)
        => string.IsNullOrWhiteSpace(displayName) ? "请填写姓名。"
            : displayName.Trim().Length > DisplayNameMaxLength ? "姓名不能超过 50 个字。"
            : null;

    private async Task<bool> UserNameTakenAsync(string userName, CancellationToken ct)
    {
        await using var db = new AppDbContext(options, actor);
        var normalized = userName.ToUpperInvariant();
        return await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, ct);
    }

    private static CommandResult<string> DuplicateUserName(string userName)
        => CommandResult<string>.Failure(nameof(NewUserInput.UserName), new ChineseIdentityErrorDescriber().DuplicateUserName(userName).Description);

    /// <summary>Identity's errors (already in Chinese) under the form field they are about.</summary>
    private static CommandResult<string> Failed(IdentityResult result)
    {
        var errors = result.Errors.GroupBy(e => FieldOf(e.Code)).First();
        return CommandResult<string>.Failure(errors.Key, string.Join(" ", errors.Select(e => e.Description)));
    }

    private static string FieldOf(string code)
        => code.StartsWith("Password", StringComparison.Ordinal) || code == "CommonPassword" ? nameof(NewUserInput.Password)
            : code is "DuplicateUserName" or "InvalidUserName" ? nameof(NewUserInput.UserName)
            : string.Empty;

    /// <summary>Each user's latest completed sign-in, as the audit trail recorded it (visible to this administrator by tenancy).</summary>
    private static async Task<Dictionary<string, DateTimeOffset>> LastSignInsAsync(AppDbContext db, List<string> userIds, CancellationToken ct)
    {
        if (userIds.Count == 0)
        {
            return [];
        }

        // SQLite cannot take the maximum of a DateTimeOffset column: the latest record is the one with the highest sequence.
        var sequences = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == SignInRecordType && a.Action == AuditAction.SignIn && a.EntityId != null && userIds.Contains(a.EntityId))
            .GroupBy(a => a.EntityId)
            .Select(g => g.Max(a => a.Sequence))
            .ToListAsync(ct);
        var latest = await db.AuditEntries.AsNoTracking()
            .Where(a => sequences.Contains(a.Sequence))
            .Select(a => new { a.EntityId, a.OccurredAt })
            .ToListAsync(ct);
        return latest.ToDictionary(a => a.EntityId!, a => a.OccurredAt, StringComparer.Ordinal);
    }

    /// <summary>One operation's unit of work: a fresh context, a store that does not save by itself, a manager over it.</summary>
    private sealed class Work(AppDbContext db, UnitOfWorkUserStore store, UserManager<AppUser> users) : IAsyncDisposable
    {
        public AppDbContext Db { get; } = db;

        public UserManager<AppUser> Users { get; } = users;

        public async ValueTask DisposeAsync()
        {
            Users.Dispose();
            store.Dispose();
            await Db.DisposeAsync();
        }
    }

    /// <summary>
    /// Identity's EF store, for a unit of work saved once by the caller. The stock store's update calls
    /// <c>DbContext.Update</c>, which on a row already tracked as changed takes the current values as the original ones
    /// (so a second step of the same operation fails the concurrency check and the audit loses the old values), and
    /// turns a row about to be inserted into one to be updated. Here the row is tracked from the start, so an update
    /// only renews the concurrency stamp; the change tracker has the rest.
    /// </summary>
    private sealed class UnitOfWorkUserStore : UserStore<AppUser, IdentityRole, AppDbContext>
    {
        public UnitOfWorkUserStore(AppDbContext context, IdentityErrorDescriber? describer)
            : base(context, describer) => AutoSaveChanges = false;

        public override Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ArgumentNullException.ThrowIfNull(user);
            if (Context.Entry(user).State == EntityState.Detached)
            {
                return base.UpdateAsync(user, cancellationToken);
            }

            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            return Task.FromResult(IdentityResult.Success);
        }
    }

    /// <summary>What a change to one user came to: refused with a message, or done (and whether it ends the user's sessions).</summary>
    private sealed record Change(CommandResult<string>? Error, bool EndsSessions)
    {
        public static Change Done(bool endsSessions) => new(null, endsSessions);

        public static Change Refused(string field, string message) => new(CommandResult<string>.Failure(field, message), false);

        public static Change Refused(IdentityResult result) => new(Failed(result), false);
    }
}
