using System.ComponentModel.DataAnnotations;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.Dashboards;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.OverdueResettlement;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.OverdueResettlement;

/// <summary>What the "登记安置" dialog binds to; the use case checks the same rules through the domain.</summary>
public sealed class ResolutionInput
{
    [Required(ErrorMessage = "请选择安置方式。")]
    public ResolutionMethod? Method { get; set; }

    [Required(ErrorMessage = "请填写安置日期。")]
    public DateTime? ResolvedOn { get; set; }

    public AgreementKind? AgreementKind { get; set; }

    [StringLength(50, ErrorMessage = "协议编号不能超过 50 个字。")]
    public string? AgreementNumber { get; set; }

    public DateTime? AgreementSignedOn { get; set; }

    [Range(1, 240, ErrorMessage = "过渡期限应为 1 至 240 个月。")]
    public int? TransitionMonths { get; set; }

    public DateTime? AgreedReturnDate { get; set; }

    [Range(0, 999_999_999, ErrorMessage = "过渡费不能为负数。")]
    public decimal TransitionFeesOwed { get; set; }

    [Range(0, 999_999_999, ErrorMessage = "过渡费不能为负数。")]
    public decimal TransitionFeesPaid { get; set; }
}

/// <summary>
/// Resolving an overdue household 登记安置: how (回迁, 货币化, 异地, 过渡性), when, on which agreement, and the transition
/// fees owed and paid. The rules are the domain's (<see cref="OverdueHousehold.CheckResolution"/>); "today" is China's.
/// </summary>
public sealed class HouseholdResolve(IAppDbContextFactory contexts, ICurrentUser user, TimeProvider clock, IProgressStatisticsSignal? statistics = null)
{
    public const string HouseholdNotFound = "逾期户不存在，或不在您的管辖范围内。";
    public const string AgreementIncomplete = "填写协议时须同时填写协议编号和签订日期。";

    public async Task<CommandResult<int>> ResolveAsync(int householdId, ResolutionInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        user.Demand(Permission.Edit);
        await using var db = await contexts.CreateAsync(ct);
        var household = await db.OverdueHouseholds.FirstOrDefaultAsync(h => h.Id == householdId, ct);
        var overdueCase = household is null ? null : await db.OverdueCases.FirstOrDefaultAsync(c => c.Id == household.CaseId, ct);
        if (household is null || overdueCase is null)
        {
            return CommandResult<int>.Failure(string.Empty, HouseholdNotFound);
        }

        if (input.Method is not { } method)
        {
            return CommandResult<int>.Failure(nameof(ResolutionInput.Method), "请选择安置方式。");
        }

        if (input.ResolvedOn is not { } resolvedOn)
        {
            return CommandResult<int>.Failure(nameof(ResolutionInput.ResolvedOn), "请填写安置日期。");
        }

        ResettlementAgreement? agreement = null;
        if (input.AgreementKind is { } kind)
        {
            if (input.AgreementSignedOn is not { } signedOn)
            {
                return CommandResult<int>.Failure(nameof(ResolutionInput.AgreementSignedOn), AgreementIncomplete);
            }

            agreement = new ResettlementAgreement(kind, input.AgreementNumber ?? string.Empty, DateOnly.FromDateTime(signedOn), input.TransitionMonths,
                input.AgreedReturnDate is { } back ? DateOnly.FromDateTime(back) : null);
        }

        try
        {
            var resolution = new HouseholdResolution(method, DateOnly.FromDateTime(resolvedOn), agreement, input.TransitionFeesOwed, input.TransitionFeesPaid);
            overdueCase.ResolveHousehold(household, resolution, ChinaTime.DateOf(clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            if (statistics is not null)
            {
                await statistics.UnitsChangedAsync([household.JurisdictionId], null, ct);
            }

            return CommandResult<int>.Success(household.Id);
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field is { } field && typeof(ResolutionInput).GetProperty(Field(field)) is not null ? Field(field) : string.Empty, ex.Message);
        }
    }

    /// <summary>The input field a domain field belongs to (the domain's names match the input's, except the method).</summary>
    private static string Field(string domainField) => domainField switch
    {
        nameof(OverdueHousehold.ResolutionMethod) => nameof(ResolutionInput.Method),
        _ => domainField,
    };
}
