using AnjuPortal.Domain.Reporting;

namespace AnjuPortal.Domain.Tests.Reporting;

/// <summary>The rules table in docs/monthly-reports.md is written by hand: it must list exactly the rules of <see cref="ReportRules"/>.</summary>
public sealed class ReportRulesDocumentationTests
{
    [Fact]
    public void RulesTable_ListsEveryRuleWithItsSeverityTitleAndMessage()
    {
        var rows = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "monthly-reports.md"))
            .Where(l => l.StartsWith("| E", StringComparison.Ordinal) || l.StartsWith("| W", StringComparison.Ordinal))
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .ToList();

        Assert.Equal(ReportRules.All.Select(r => r.Code), rows.Select(r => r[0]));
        foreach (var rule in ReportRules.All)
        {
            var row = rows.Single(r => r[0] == rule.Code);
            Assert.StartsWith(rule.Severity == RuleSeverity.Error ? "错误" : "提醒", row[1], StringComparison.Ordinal);
            Assert.Equal(rule.Title, row[2]);
            Assert.Equal(rule.MessageTemplate, row[3]);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AnjuPortal.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("AnjuPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
