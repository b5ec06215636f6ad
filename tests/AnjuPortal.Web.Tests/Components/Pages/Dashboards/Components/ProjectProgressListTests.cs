using AnjuPortal.Web.Components.Pages.Dashboards.Components;
using Bunit;

namespace AnjuPortal.Web.Tests.Components.Pages.Dashboards.Components;

public sealed class ProjectProgressListTests : PortalTestContext
{
    [Fact]
    public void LaggingProjects_ComeFirst_MarkedInWords_AndLinkToTheProject()
    {
        var cut = Render<ProjectProgressList>(p => p.Add(c => c.View, SampleViews.CountyView()));

        var rows = cut.FindAll("[data-testid=project-progress-row]");
        Assert.Equal(["NG-2026-002", "NG-2026-001"], rows.Select(r => r.QuerySelector("[data-testid=project-progress-link]")!.TextContent));
        Assert.Equal("true", rows[0].GetAttribute("data-lagging"));
        Assert.Contains("滞后", rows[0].QuerySelector("[data-testid=project-status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("正常", rows[1].QuerySelector("[data-testid=project-status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("projects/102", rows[0].QuerySelector("[data-testid=project-progress-link]")!.GetAttribute("href"));
        Assert.Equal("0.0%", rows[0].QuerySelector("[data-testid=project-task]")!.TextContent);
        Assert.Contains("2026-05-01", rows[0].TextContent, StringComparison.Ordinal);
    }
}
