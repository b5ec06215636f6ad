using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AnjuPortal.Application.OverdueResettlement.Closure;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Seed.Demo;

/// <summary>
/// 销号 in the demo: of the 长春市 cases whose households are all resolved, one has an application by 长春市 waiting for
/// the province, and one went the whole way (applied, returned, applied again, closed), with small generated PDF
/// evidence in the file store. Skipped when any closure step exists already or no case qualifies.
/// </summary>
internal static class DemoClosures
{
    private const string CityCode = "220100";
    private const string ProvinceCode = "220000";

    public static async Task SeedAsync(SystemDbContextFactory contexts, IEvidenceFileStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var db = contexts.Create();
        if (await db.CaseClosureSteps.AnyAsync(ct))
        {
            return;
        }

        var city = await db.Jurisdictions.AsNoTracking().SingleOrDefaultAsync(j => j.Code == CityCode, ct);
        var province = await db.Jurisdictions.AsNoTracking().SingleOrDefaultAsync(j => j.Code == ProvinceCode, ct);
        if (city is null || province is null)
        {
            return;
        }

        var candidates = await db.OverdueCases
            .Where(c => c.Status == CaseStatus.Open && c.Jurisdiction!.Path.StartsWith(city.Path) && c.Households.Any() && c.Households.All(h => h.ResolvedOn != null))
            .OrderBy(c => c.Id)
            .Take(2)
            .Include(c => c.ClosureSteps)
            .ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return;
        }

        var applicant = new ClosureActor("changchun", city.Id, city.Name, JurisdictionLevel.Prefecture);
        var reviewer = new ClosureActor("province.reviewer", province.Id, province.Name, JurisdictionLevel.Province);
        var now = clock.GetUtcNow();

        var pending = candidates[0];
        pending.ApplyForClosure("本项目逾期未安置户已全部安置到位，附回迁安置协议汇总及入住照片说明，请省安居办核验。",
            [await StoreAsync(store, "回迁安置协议汇总.pdf", pending.Id, ct)], 0, applicant, now.AddDays(-3));

        if (candidates.Count > 1)
        {
            var closed = candidates[1];
            closed.ApplyForClosure("逾期未安置户已全部安置，申请销号。", [await StoreAsync(store, "安置协议.pdf", closed.Id, ct)], 0, applicant, now.AddDays(-40));
            closed.ReturnClosure("缺少竣工验收备案证明，请补充后重新申请。", reviewer, now.AddDays(-35));
            closed.ApplyForClosure("已补充竣工验收备案证明，请核验。",
                [await StoreAsync(store, "竣工验收备案证明.pdf", closed.Id, ct), await StoreAsync(store, "安置协议.pdf", closed.Id, ct)], 0, applicant, now.AddDays(-30));
            closed.Close("经核验，安置协议、竣工验收备案证明齐全，同意销号。", reviewer, now.AddDays(-25));
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>A one-page PDF that says it is demo material (no personal data), stored like an upload.</summary>
    private static async Task<EvidenceFile> StoreAsync(IEvidenceFileStore store, string name, int caseId, CancellationToken ct)
    {
        var text = string.Format(CultureInfo.InvariantCulture, "AnjuPortal demo evidence for ledger case {0}: {1}", caseId, Convert.ToBase64String(Encoding.UTF8.GetBytes(name)));
        var content = Encoding.ASCII.GetBytes(
            "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% " + text + "\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        var key = Guid.NewGuid().ToString("N");
        await store.SaveAsync(key, content, ct);
        return new EvidenceFile(key, name, EvidenceFileType.Pdf, content.Length, Convert.ToHexStringLower(SHA256.HashData(content)));
    }
}
