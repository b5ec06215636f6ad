using AnjuPortal.LoadTest.Circuit;

namespace AnjuPortal.LoadTest;

/// <summary>What a user does on the two pages under test, through a <see cref="BlazorCircuitClient"/>.</summary>
public static class PortalPages
{
    /// <summary>The app bar's menu button (aria-label 展开或收起菜单): present on every interactive page.</summary>
    public const string MenuLabel = "展开或收起菜单";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Opens the signed-in user's dashboard and waits for the board to render interactively.</summary>
    public static async Task OpenDashboardAsync(BlazorCircuitClient client, PortalSignIn identity, CancellationToken ct = default)
    {
        await client.StartAsync("dashboard", identity.Http, ct);
        await client.WaitForReadyAsync(Timeout, ct);
        await client.WaitForAsync(t => t.FindByTestId("dashboard-board") is not null || t.FindByTestId("dashboard-empty") is not null, Timeout, ct);
    }

    /// <summary>Opens a unit's monthly report of a period.</summary>
    public static async Task OpenReportAsync(BlazorCircuitClient client, PortalSignIn identity, int periodId, int jurisdictionId, CancellationToken ct = default)
    {
        await client.StartAsync($"reports/{periodId}/{jurisdictionId}", identity.Http, ct);
        await client.WaitForReadyAsync(Timeout, ct);
        await client.WaitForAsync(t => t.FindByTestId("report-page") is not null || t.FindByTestId("report-not-found") is not null, Timeout, ct);
    }

    /// <summary>Whether the menu drawer is open (MudDrawer's class).</summary>
    public static bool? DrawerOpen(RenderTree tree)
    {
        var drawer = tree.Find(e => e.Name == "aside" && (e.Attribute("class") ?? string.Empty).Contains("mud-drawer", StringComparison.Ordinal));
        var css = drawer?.Attribute("class");
        return css is null ? null : css.Contains("mud-drawer--open", StringComparison.Ordinal);
    }

    /// <summary>Clicks the menu button and waits until the drawer has changed state: one UI round trip.</summary>
    public static async Task<TimeSpan> ToggleMenuAsync(BlazorCircuitClient client, CancellationToken ct = default)
    {
        var (button, open) = client.Read(t => (t.Find(e => e.Name == "button" && e.Attribute("aria-label") == MenuLabel), DrawerOpen(t)));
        if (button is null || open is null)
        {
            throw new InvalidOperationException("The page has no menu button or drawer.");
        }

        // The layout takes the button's click as a "menutoggle" event saying whether the screen is narrow (js/layout.js).
        return await client.DispatchAsync(button, "menutoggle", new { narrow = false }, t => DrawerOpen(t) == !open, Timeout, ct);
    }

    /// <summary>Starts the unit's draft (开始填报) when the report has none yet; waits for the entry table.</summary>
    public static async Task StartDraftIfNeededAsync(BlazorCircuitClient client, CancellationToken ct = default)
    {
        var start = client.Read(t => t.FindByTestId("report-start"));
        if (start is not null)
        {
            await client.ClickAsync(start, t => t.FindByTestId("report-submit") is not null || t.FindByTestId("report-error") is not null, Timeout, ct);
        }
    }

    /// <summary>
    /// Types into the first figure of the entry table and waits for the re-render: one UI round trip of the entry
    /// form. Two input events, the figure with a leading zero ("0224") and then the figure back ("224"): the same
    /// number, so the data (which sessions sharing a draft all save) stay as they are and the month-end run can still
    /// submit them, yet each input changes the cell's text, so each gets its render batch at once (an input of the very
    /// same text changes nothing on the page, and its "round trip" would end only at the autosave's render two seconds
    /// later). Returns their mean.
    /// </summary>
    public static async Task<TimeSpan> TypeInFirstCellAsync(BlazorCircuitClient client, CancellationToken ct = default)
    {
        var cell = FirstCell(client);
        if (cell is null)
        {
            // A read-only report (submitted already): the menu button stands in for a UI event.
            return await ToggleMenuAsync(client, ct);
        }

        var (value, name) = client.Read(_ => (cell.Attribute("value") ?? "0", cell.Attribute("name") ?? string.Empty));
        var changed = "0" + value;
        // The cell's input event as report-entry.js hands it to the table's handler: the cell's name and its text.
        var there = await client.DispatchAsync(cell, "entrycellinput", new { name, value = changed }, until: null, Timeout, ct);
        var back = await client.DispatchAsync(FirstCell(client) ?? cell, "entrycellinput", new { name, value }, until: null, Timeout, ct);
        return (there + back) / 2;
    }

    private static ElementNode? FirstCell(BlazorCircuitClient client)
        => client.Read(t => t.Find(e => e.Name == "input" && e.Attribute("name") is ['P' or 'C', ..]));

    /// <summary>Submits the report (上报); true when the portal confirms it, false when it shows errors.</summary>
    public static async Task<bool> SubmitAsync(BlazorCircuitClient client, CancellationToken ct = default)
    {
        var submit = client.Read(t => t.FindByTestId("report-submit")) ?? throw new InvalidOperationException("The report has no submit button.");
        await client.ClickAsync(
            submit,
            t => t.FindByTestId("report-notice") is not null || t.FindByTestId("report-error") is not null || t.FindByTestId("report-conflict") is not null,
            Timeout,
            ct);
        return client.Read(t => t.FindByTestId("report-notice") is not null);
    }

    /// <summary>The error text the report page shows, if any (for the driver's summary).</summary>
    public static string? ReportError(BlazorCircuitClient client)
        => client.Read(t => (t.FindByTestId("report-error") ?? t.FindByTestId("report-conflict"))?.TextContent());
}
