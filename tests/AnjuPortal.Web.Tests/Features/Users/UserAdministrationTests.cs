using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Infrastructure.Identity;
using AnjuPortal.TestSupport;
using AnjuPortal.Web.Features.Users;
using AnjuPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Web.Tests.Features.Users;

/// <summary>
/// User administration on a real SQLite file: the Administer permission, the administrator's subtree, Identity's
/// password rules in Chinese, lock, two-step verification reset, ending sessions, and what the audit trail records.
/// </summary>
public sealed class UserAdministrationTests : IAsyncLifetime
{
    private const string Province = "220000";
    private const string Changchun = "220100";
    private const string Nanguan = "220102";
    private const string Kuancheng = "220103";
    private const string JilinCity = "220200";
    private const string Hidden = "（已隐藏）";

    private SqliteTestDatabase _database = null!;
    private UserAccounts _accounts = null!;

    public async Task InitializeAsync()
    {
        _database = await SqliteTestDatabase.CreateAsync();
        _accounts = await UserAccounts.CreateAsync(_database);
    }

    public async Task DisposeAsync()
    {
        await _accounts.DisposeAsync();
        await _database.DisposeAsync();
    }

    public static TheoryData<string> RolesWithoutAdminister() => new(Roles.All.Where(r => !RolePermissions.Grants(r, Permission.Administer)));

    [Theory]
    [MemberData(nameof(RolesWithoutAdminister))]
    public async Task EveryOperation_IsRefused_WithoutAdminister(string role)
    {
        var clerk = await _accounts.CreateAsync("nanguan.clerk", Nanguan, Roles.CountyOperator);
        var before = await _accounts.ReloadAsync(clerk.Id);
        var users = _accounts.For(await _accounts.SomeoneAtAsync(Province, role));
        var nanguan = await _database.JurisdictionAsync(Nanguan);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => users.ListAsync(new UserFilter(), new PageRequest()));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => users.UnitsAsync());
        await Assert.ThrowsAsync<PermissionDeniedException>(() => users.CreateAsync(NewUser("someone.new", nanguan.Id, Roles.CountyOperator)));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => users.ChangeAssignmentAsync(clerk.Id, Assignment("新名字", nanguan.Id, Roles.Supervisor)));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => users.LockAsync(clerk.Id));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => users.UnlockAsync(clerk.Id));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => users.ResetPasswordAsync(clerk.Id, "Brand-New-Pass-2026"));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => users.ResetTwoFactorAsync(clerk.Id));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => users.EndSessionsAsync(clerk.Id));

        var after = await _accounts.ReloadAsync(clerk.Id);
        Assert.Equal(before.SecurityStamp, after.SecurityStamp);
        Assert.Equal(before.DisplayName, after.DisplayName);
        Assert.Null(after.LockoutEnd);
    }

    [Fact]
    public async Task List_ShowsOnlyTheCityAndItsCounties_WhenCityAdministrator()
    {
        await _accounts.CreateAsync("province.admin", Province, Roles.ProvinceAdministrator);
        await _accounts.CreateAsync("changchun.op", Changchun, Roles.CityOperator);
        await _accounts.CreateAsync("nanguan.clerk", Nanguan, Roles.CountyOperator);
        await _accounts.CreateAsync("jilin.op", JilinCity, Roles.CityOperator);
        var users = _accounts.For(await _accounts.SomeoneAtAsync(Changchun, Roles.SystemAdministrator));

        var all = await users.ListAsync(new UserFilter(), new PageRequest());
        Assert.Equal(["changchun.op", "nanguan.clerk"], all.Items.Select(u => u.UserName));
        Assert.Equal(2, all.TotalCount);
        Assert.Equal([Roles.CityOperator, Roles.CountyOperator], all.Items.Select(u => u.Role));
        Assert.Equal(["长春市", "南关区"], all.Items.Select(u => u.JurisdictionName));

        var nanguan = await _database.JurisdictionAsync(Nanguan);
        Assert.Equal(["nanguan.clerk"], (await users.ListAsync(new UserFilter(JurisdictionId: nanguan.Id), new PageRequest())).Items.Select(u => u.UserName));
        var jilin = await _database.JurisdictionAsync(JilinCity);
        Assert.Empty((await users.ListAsync(new UserFilter(JurisdictionId: jilin.Id), new PageRequest())).Items);
        Assert.Equal(["nanguan.clerk"], (await users.ListAsync(new UserFilter(Search: "NANGUAN"), new PageRequest())).Items.Select(u => u.UserName));
        Assert.Empty((await users.ListAsync(new UserFilter(Search: "jilin"), new PageRequest())).Items);

        var units = await users.UnitsAsync();
        Assert.Equal(Changchun, units[0].Code);
        Assert.DoesNotContain(units, u => u.Code is Province or JilinCity);
    }

    [Fact]
    public async Task UserOfAnotherCity_IsNotFound_AndStaysUnchanged()
    {
        var jilinOperator = await _accounts.CreateAsync("jilin.op", JilinCity, Roles.CityOperator);
        var before = await _accounts.ReloadAsync(jilinOperator.Id);
        var session = await SignedInAsync(jilinOperator.Id);
        var users = _accounts.For(await _accounts.SomeoneAtAsync(Changchun, Roles.SystemAdministrator));
        var changchun = await _database.JurisdictionAsync(Changchun);

        CommandResult<string>[] results =
        [
            await users.LockAsync(jilinOperator.Id),
            await users.UnlockAsync(jilinOperator.Id),
            await users.ResetPasswordAsync(jilinOperator.Id, "Brand-New-Pass-2026"),
            await users.ResetTwoFactorAsync(jilinOperator.Id),
            await users.EndSessionsAsync(jilinOperator.Id),
            await users.ChangeAssignmentAsync(jilinOperator.Id, Assignment("改名", changchun.Id, Roles.CityOperator)),
        ];

        Assert.All(results, r => Assert.Equal(UserAdministration.NotFound, r.ErrorFor(string.Empty)));
        var after = await _accounts.ReloadAsync(jilinOperator.Id);
        Assert.Equal(before.SecurityStamp, after.SecurityStamp);
        Assert.Equal(before.PasswordHash, after.PasswordHash);
        Assert.Equal(before.JurisdictionId, after.JurisdictionId);
        Assert.Equal(before.DisplayName, after.DisplayName);
        Assert.Null(after.LockoutEnd);
        Assert.True(await _accounts.Sessions.IsAliveAsync(session));
    }

    [Fact]
    public async Task Create_RefusesAUnitOrARoleAboveTheAdministratorsLevel()
    {
        var users = _accounts.For(await _accounts.SomeoneAtAsync(Changchun, Roles.SystemAdministrator));
        var province = await _database.JurisdictionAsync(Province);
        var jilin = await _database.JurisdictionAsync(JilinCity);
        var changchun = await _database.JurisdictionAsync(Changchun);

        Assert.Equal(UserAdministration.UnitOutOfScope,
            (await users.CreateAsync(NewUser("up.high", province.Id, Roles.SystemAdministrator))).ErrorFor(nameof(NewUserInput.JurisdictionId)));
        Assert.Equal(UserAdministration.UnitOutOfScope,
            (await users.CreateAsync(NewUser("next.door", jilin.Id, Roles.CityOperator))).ErrorFor(nameof(NewUserInput.JurisdictionId)));
        Assert.Equal("“省级管理员”不能设在长春市，请选择与单位级别相符的角色。",
            (await users.CreateAsync(NewUser("fake.province", changchun.Id, Roles.ProvinceAdministrator))).ErrorFor(nameof(NewUserInput.Role)));
        Assert.NotNull((await users.CreateAsync(NewUser("wrong.level", changchun.Id, Roles.CountyOperator))).ErrorFor(nameof(NewUserInput.Role)));

        await using var db = _database.CreateSystemContext();
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Theory]
    [InlineData("Short-2026", "密码至少需要 12 个字符。")]
    [InlineData("Password@1234", "该密码过于常见，容易被猜中，请换一个。")]
    [InlineData("My-kuancheng.new-PW1", "密码不能包含用户名。")]
    public async Task Create_GivesTheChineseReason_WhenPasswordWeakOrCommon(string password, string reason)
    {
        var users = _accounts.For(await _accounts.SomeoneAtAsync(Changchun, Roles.SystemAdministrator));
        var kuancheng = await _database.JurisdictionAsync(Kuancheng);

        var result = await users.CreateAsync(NewUser("kuancheng.new", kuancheng.Id, Roles.CountyOperator, password));

        Assert.Equal(reason, result.ErrorFor(nameof(NewUserInput.Password)));
        await using var db = _database.CreateSystemContext();
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Fact]
    public async Task Create_SavesTheAccountWithItsOneRole_WhenInputValid()
    {
        var users = _accounts.For(await _accounts.SomeoneAtAsync(Changchun, Roles.SystemAdministrator));
        var kuancheng = await _database.JurisdictionAsync(Kuancheng);

        var result = await users.CreateAsync(NewUser("kuancheng.new", kuancheng.Id, Roles.CountyOperator, "Chunji-Shigong-2026"));

        Assert.True(result.Succeeded, result.ToString());
        var created = await _accounts.ReloadAsync(result.Value!);
        Assert.Equal("kuancheng.new", created.UserName);
        Assert.Equal("宽城区填报员 王丽", created.DisplayName);
        Assert.Equal(kuancheng.Id, created.JurisdictionId);
        Assert.True(created.LockoutEnabled);
        Assert.False(created.IsDemoAccount);
        Assert.Equal([Roles.CountyOperator], await _accounts.RolesOfAsync(created.Id));
        Assert.True(await _accounts.PasswordWorksAsync(created.Id, "Chunji-Shigong-2026"));

        var again = await users.CreateAsync(NewUser("KUANCHENG.NEW", kuancheng.Id, Roles.CountyOperator, "Another-Pass-2026"));
        Assert.Equal("用户名“KUANCHENG.NEW”已被使用。", again.ErrorFor(nameof(NewUserInput.UserName)));
    }

    [Fact]
    public async Task LockAndUnlock_LockEndsTheSessions_UnlockLetsTheUserIn()
    {
        var clerk = await _accounts.CreateAsync("nanguan.clerk", Nanguan, Roles.CountyOperator);
        var session = await SignedInAsync(clerk.Id);
        var users = _accounts.For(await _accounts.SomeoneAtAsync(Changchun, Roles.SystemAdministrator));

        Assert.True((await users.LockAsync(clerk.Id)).Succeeded);

        await using (var manager = _accounts.Manager())
        {
            Assert.True(await manager.Users.IsLockedOutAsync((await manager.Users.FindByIdAsync(clerk.Id))!));
        }

        Assert.False(await _accounts.Sessions.IsAliveAsync(session));
        Assert.True(Assert.Single((await users.ListAsync(new UserFilter(), new PageRequest())).Items).IsLockedOut);

        Assert.True((await users.UnlockAsync(clerk.Id)).Succeeded);

        await using (var manager = _accounts.Manager())
        {
            var unlocked = (await manager.Users.FindByIdAsync(clerk.Id))!;
            Assert.False(await manager.Users.IsLockedOutAsync(unlocked));
            Assert.Equal(0, unlocked.AccessFailedCount);
        }

        Assert.False(Assert.Single((await users.ListAsync(new UserFilter(), new PageRequest())).Items).IsLockedOut);
    }

    [Fact]
    public async Task Administrator_CannotLockOrDemoteOrMoveThemselves()
    {
        var me = await _accounts.CreateAsync("changchun.admin", Changchun, Roles.SystemAdministrator);
        var users = _accounts.For(await _accounts.ActingAsAsync(me, Roles.SystemAdministrator));
        var changchun = await _database.JurisdictionAsync(Changchun);
        var nanguan = await _database.JurisdictionAsync(Nanguan);

        Assert.Equal(UserAdministration.CannotLockSelf, (await users.LockAsync(me.Id)).ErrorFor(string.Empty));
        Assert.Equal(UserAdministration.CannotReassignSelf,
            (await users.ChangeAssignmentAsync(me.Id, Assignment(me.DisplayName, changchun.Id, Roles.CityOperator))).ErrorFor(string.Empty));
        Assert.Equal(UserAdministration.CannotReassignSelf,
            (await users.ChangeAssignmentAsync(me.Id, Assignment(me.DisplayName, nanguan.Id, Roles.SystemAdministrator))).ErrorFor(string.Empty));

        var after = await _accounts.ReloadAsync(me.Id);
        Assert.Null(after.LockoutEnd);
        Assert.Equal(changchun.Id, after.JurisdictionId);
        Assert.Equal([Roles.SystemAdministrator], await _accounts.RolesOfAsync(me.Id));
        Assert.True(Assert.Single((await users.ListAsync(new UserFilter(), new PageRequest())).Items).IsSelf);

        // Their own name they may correct.
        Assert.True((await users.ChangeAssignmentAsync(me.Id, Assignment("长春市系统管理员 李明", changchun.Id, Roles.SystemAdministrator))).Succeeded);
        Assert.Equal("长春市系统管理员 李明", (await _accounts.ReloadAsync(me.Id)).DisplayName);
    }

    [Fact]
    public async Task ChangeAssignment_MovesTheUserAndChangesTheRole_AndEndsTheirSessions()
    {
        var clerk = await _accounts.CreateAsync("nanguan.clerk", Nanguan, Roles.CountyOperator);
        var session = await SignedInAsync(clerk.Id);
        var users = _accounts.For(await _accounts.SomeoneAtAsync(Changchun, Roles.SystemAdministrator));
        var changchun = await _database.JurisdictionAsync(Changchun);

        var result = await users.ChangeAssignmentAsync(clerk.Id, Assignment("长春市填报员 赵强", changchun.Id, Roles.CityOperator));

        Assert.True(result.Succeeded, result.ToString());
        var after = await _accounts.ReloadAsync(clerk.Id);
        Assert.Equal(changchun.Id, after.JurisdictionId);
        Assert.Equal("长春市填报员 赵强", after.DisplayName);
        Assert.Equal([Roles.CityOperator], await _accounts.RolesOfAsync(clerk.Id));
        Assert.NotEqual(clerk.SecurityStamp, after.SecurityStamp);
        Assert.False(await _accounts.Sessions.IsAliveAsync(session));
    }

    [Fact]
    public async Task ResetTwoFactor_TurnsItOff_ReplacesTheKey_AndVoidsTheRecoveryCodes()
    {
        var clerk = await _accounts.CreateAsync("nanguan.clerk", Nanguan, Roles.CountyOperator);
        var (oldKey, codes) = await EnrolAuthenticatorAsync(clerk.Id);
        var session = await SignedInAsync(clerk.Id);
        var users = _accounts.For(await _accounts.SomeoneAtAsync(Changchun, Roles.SystemAdministrator));
        Assert.True(Assert.Single((await users.ListAsync(new UserFilter(), new PageRequest())).Items).TwoFactorEnabled);

        Assert.True((await users.ResetTwoFactorAsync(clerk.Id)).Succeeded);

        await using (var manager = _accounts.Manager())
        {
            var user = (await manager.Users.FindByIdAsync(clerk.Id))!;
            Assert.False(await manager.Users.GetTwoFactorEnabledAsync(user));
            Assert.NotEqual(oldKey, await manager.Users.GetAuthenticatorKeyAsync(user));
            Assert.Equal(0, await manager.Users.CountRecoveryCodesAsync(user));
            Assert.False((await manager.Users.RedeemTwoFactorRecoveryCodeAsync(user, codes[0])).Succeeded);
        }

        Assert.False(await _accounts.Sessions.IsAliveAsync(session));
        Assert.False(Assert.Single((await users.ListAsync(new UserFilter(), new PageRequest())).Items).TwoFactorEnabled);
    }

    [Fact]
    public async Task ResetPassword_RefusesAWeakOne_AndEndsTheSessionsWithAGoodOne()
    {
        var clerk = await _accounts.CreateAsync("nanguan.clerk", Nanguan, Roles.CountyOperator);
        var session = await SignedInAsync(clerk.Id);
        var users = _accounts.For(await _accounts.SomeoneAtAsync(Changchun, Roles.SystemAdministrator));

        var weak = await users.ResetPasswordAsync(clerk.Id, "Password@1234");
        Assert.Equal("该密码过于常见，容易被猜中，请换一个。", weak.ErrorFor(nameof(PasswordResetInput.Password)));
        Assert.True(await _accounts.PasswordWorksAsync(clerk.Id, UserAccounts.Password));
        Assert.True(await _accounts.Sessions.IsAliveAsync(session));

        Assert.True((await users.ResetPasswordAsync(clerk.Id, "Linshi-Mima-0718")).Succeeded);
        Assert.True(await _accounts.PasswordWorksAsync(clerk.Id, "Linshi-Mima-0718"));
        Assert.False(await _accounts.PasswordWorksAsync(clerk.Id, UserAccounts.Password));
        Assert.False(await _accounts.Sessions.IsAliveAsync(session));
    }

    [Fact]
    public async Task EndSessions_EndsEverySessionSoFar_AndChangesTheSecurityStamp()
    {
        var clerk = await _accounts.CreateAsync("nanguan.clerk", Nanguan, Roles.CountyOperator);
        var office = await SignedInAsync(clerk.Id);
        _database.Clock.Advance(TimeSpan.FromMinutes(5));
        var laptop = await SignedInAsync(clerk.Id);
        var colleague = await _accounts.CreateAsync("kuancheng.clerk", Kuancheng, Roles.CountyOperator);
        var colleagueSession = await SignedInAsync(colleague.Id);
        var users = _accounts.For(await _accounts.SomeoneAtAsync(Changchun, Roles.SystemAdministrator));

        Assert.True((await users.EndSessionsAsync(clerk.Id)).Succeeded);

        Assert.False(await _accounts.Sessions.IsAliveAsync(office));
        Assert.False(await _accounts.Sessions.IsAliveAsync(laptop));
        Assert.True(await _accounts.Sessions.IsAliveAsync(colleagueSession));
        Assert.NotEqual(clerk.SecurityStamp, (await _accounts.ReloadAsync(clerk.Id)).SecurityStamp);

        // Signing in again afterwards works.
        _database.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await _accounts.Sessions.IsAliveAsync(await SignedInAsync(clerk.Id)));
    }

    [Fact]
    public async Task ChangeRole_WritesExactlyOneAuditRecord_WithOldAndNewRoleAndNoSecret()
    {
        var clerk = await _accounts.CreateAsync("nanguan.clerk", Nanguan, Roles.CountyOperator);
        var nanguan = await _database.JurisdictionAsync(Nanguan);
        var admin = await _accounts.SomeoneAtAsync(Changchun, Roles.SystemAdministrator);
        var before = await _accounts.ReloadAsync(clerk.Id);
        var baseline = await LastSequenceAsync();

        var result = await _accounts.For(admin).ChangeAssignmentAsync(clerk.Id, Assignment(before.DisplayName, nanguan.Id, Roles.Supervisor));

        Assert.True(result.Succeeded, result.ToString());
        var after = await _accounts.ReloadAsync(clerk.Id);
        var record = Assert.Single(await RecordsSinceAsync(baseline));
        Assert.Equal(AuditAction.Update, record.Action);
        Assert.Equal(nameof(AppUser), record.EntityType);
        Assert.Equal(clerk.Id, record.EntityId);
        Assert.Equal(admin.UserName, record.UserName);
        Assert.Equal(nanguan.Id, record.JurisdictionId);
        var fields = Fields(record);
        Assert.Equal((Roles.CountyOperator, Roles.Supervisor), fields["Role"]);
        Assert.Equal((Hidden, Hidden), fields[nameof(AppUser.SecurityStamp)]);
        Assert.Equal(2, fields.Count);
        foreach (var secret in new[] { before.SecurityStamp!, after.SecurityStamp!, after.PasswordHash! })
        {
            Assert.DoesNotContain(Texts(record), text => text.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AuditTrail_HoldsNoPasswordHashStampKeyOrRecoveryCode_ThroughEveryOperation()
    {
        var admin = await _accounts.SomeoneAtAsync(Changchun, Roles.SystemAdministrator);
        var users = _accounts.For(admin);
        var nanguan = await _database.JurisdictionAsync(Nanguan);
        var baseline = await LastSequenceAsync();
        var secrets = new HashSet<string>(StringComparer.Ordinal);

        var id = (await users.CreateAsync(NewUser("nanguan.new", nanguan.Id, Roles.CountyOperator, "Chunji-Shigong-2026"))).Value!;
        await CollectSecretsAsync(id, secrets);
        var (_, codes) = await EnrolAuthenticatorAsync(id);
        secrets.UnionWith(codes);
        await CollectSecretsAsync(id, secrets);
        Assert.True((await users.ResetPasswordAsync(id, "Linshi-Mima-0718")).Succeeded);
        await CollectSecretsAsync(id, secrets);
        Assert.True((await users.ResetTwoFactorAsync(id)).Succeeded);
        await CollectSecretsAsync(id, secrets);
        Assert.True((await users.LockAsync(id)).Succeeded);
        Assert.True((await users.UnlockAsync(id)).Succeeded);
        Assert.True((await users.EndSessionsAsync(id)).Succeeded);
        Assert.True((await users.ChangeAssignmentAsync(id, Assignment("南关区督查 孙伟", nanguan.Id, Roles.Supervisor))).Succeeded);
        await CollectSecretsAsync(id, secrets);

        var records = await RecordsSinceAsync(baseline);
        Assert.Contains(records, r => r.EntityType.StartsWith("IdentityUserToken", StringComparison.Ordinal) && Fields(r)["Value"].New == Hidden);
        Assert.Contains(records, r => r.EntityType == nameof(AppUser) && r.Changes is not null && Fields(r).ContainsKey(nameof(AppUser.PasswordHash)));
        Assert.All(records, r => Assert.Equal(nanguan.Id, r.JurisdictionId));
        Assert.True(secrets.Count >= 16, $"collected {secrets.Count} secret values");
        foreach (var record in records)
        {
            var texts = Texts(record);
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(texts, text => text.Contains(secret, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task List_ShowsTheLastSignInFromTheAuditTrail()
    {
        var clerk = await _accounts.CreateAsync("nanguan.clerk", Nanguan, Roles.CountyOperator);
        await _accounts.CreateAsync("kuancheng.clerk", Kuancheng, Roles.CountyOperator);
        var nanguan = await _database.JurisdictionAsync(Nanguan);
        await RecordSignInAsync(clerk, nanguan.Id, AuditAction.SignIn);
        _database.Clock.Advance(TimeSpan.FromHours(3));
        var latest = _database.Clock.GetUtcNow();
        await RecordSignInAsync(clerk, nanguan.Id, AuditAction.SignIn);
        _database.Clock.Advance(TimeSpan.FromHours(1));
        await RecordSignInAsync(clerk, nanguan.Id, AuditAction.SignInFailed);
        var users = _accounts.For(await _accounts.SomeoneAtAsync(Changchun, Roles.SystemAdministrator));

        var rows = (await users.ListAsync(new UserFilter(), new PageRequest())).Items;

        Assert.Equal(latest, rows.Single(r => r.UserName == "nanguan.clerk").LastSignIn);
        Assert.Null(rows.Single(r => r.UserName == "kuancheng.clerk").LastSignIn);
    }

    private static NewUserInput NewUser(string userName, int jurisdictionId, string role, string password = "Chunji-Shigong-2026")
        => new() { UserName = userName, DisplayName = "宽城区填报员 王丽", JurisdictionId = jurisdictionId, Role = role, Password = password };

    private static UserAssignmentInput Assignment(string displayName, int jurisdictionId, string role)
        => new() { DisplayName = displayName, JurisdictionId = jurisdictionId, Role = role };

    /// <summary>A sign-in session of the user as the cookie carries it, signed in now and active.</summary>
    private async Task<ClaimsPrincipal> SignedInAsync(string userId)
    {
        var sessionId = Guid.NewGuid().ToString("N");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, userId),
            new Claim(SessionActivity.SessionIdClaim, sessionId),
            new Claim(SessionActivity.AuthTimeClaim, _database.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ], "Identity.Application");
        await _accounts.Sessions.TouchAsync(sessionId);
        var principal = new ClaimsPrincipal(identity);
        Assert.True(await _accounts.Sessions.IsAliveAsync(principal));
        return principal;
    }

    /// <summary>Enrols an authenticator as the enrolment page does; returns the key and the recovery codes.</summary>
    private async Task<(string Key, IReadOnlyList<string> Codes)> EnrolAuthenticatorAsync(string userId)
    {
        await using var manager = _accounts.Manager();
        var user = (await manager.Users.FindByIdAsync(userId))!;
        await manager.Users.ResetAuthenticatorKeyAsync(user);
        await manager.Users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await manager.Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        return ((await manager.Users.GetAuthenticatorKeyAsync(user))!, codes);
    }

    /// <summary>The account's secret values as stored now: password hash, security stamp, every token value and each recovery code in it.</summary>
    private async Task CollectSecretsAsync(string userId, HashSet<string> secrets)
    {
        await using var db = _database.CreateSystemContext();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        secrets.Add(user.PasswordHash!);
        secrets.Add(user.SecurityStamp!);
        foreach (var value in await db.UserTokens.AsNoTracking().Where(t => t.UserId == userId).Select(t => t.Value).ToListAsync())
        {
            if (!string.IsNullOrEmpty(value))
            {
                secrets.Add(value);
                secrets.UnionWith(value.Split(';', StringSplitOptions.RemoveEmptyEntries));
            }
        }
    }

    private async Task RecordSignInAsync(AppUser user, int jurisdictionId, string action)
    {
        await using var db = _database.CreateSystemContext();
        db.AuditEntries.Add(AuditEntry.Record(_database.Clock.GetUtcNow(), action, user.Id, user.UserName!, "10.0.0.8", jurisdictionId, "Account", user.Id, null, null));
        await db.SaveChangesAsync();
    }

    private async Task<long> LastSequenceAsync()
    {
        await using var db = _database.CreateSystemContext();
        return await db.AuditEntries.MaxAsync(a => (long?)a.Sequence) ?? 0;
    }

    private async Task<List<AuditEntry>> RecordsSinceAsync(long sequence)
    {
        await using var db = _database.CreateSystemContext();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Sequence > sequence).OrderBy(a => a.Sequence).ToListAsync();
    }

    /// <summary>
    /// Everything a record says, decoded: the changes are JSON, which escapes characters such as '+' of a base64 hash,
    /// so a search of the raw text could miss a leaked secret.
    /// </summary>
    private static List<string> Texts(AuditEntry record)
    {
        var texts = new List<string> { record.EntityId ?? string.Empty, record.Note ?? string.Empty };
        if (record.Changes is not null)
        {
            foreach (var (field, (old, @new)) in Fields(record))
            {
                texts.Add(field);
                texts.Add(old ?? string.Empty);
                texts.Add(@new ?? string.Empty);
            }
        }

        return texts;
    }

    private static Dictionary<string, (string? Old, string? New)> Fields(AuditEntry record)
        => JsonSerializer.Deserialize<List<JsonElement>>(record.Changes!)!
            .ToDictionary(
                f => f.GetProperty("field").GetString()!,
                f => (f.GetProperty("old").GetString(), f.GetProperty("new").GetString()));
}
