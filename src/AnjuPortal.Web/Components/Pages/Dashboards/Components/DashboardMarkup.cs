using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AnjuPortal.Application.Dashboards;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace AnjuPortal.Web.Components.Pages.Dashboards.Components;

/// <summary>
/// The dashboard's parts without events (measure and deadline cards, ranking, trend, warnings, projects) rendered to
/// HTML once per <see cref="DashboardView"/> and shared by every session showing that view (views are shared, ADR-013).
/// A session then holds one markup frame per part instead of a component tree with thousands of frames in two
/// buffers each (ADR-014, issue #8's memory per session). The components stay ordinary Razor components (their tests
/// render them directly); only the interactive parts, the map and the month picker, stay live in the circuit.
/// </summary>
public sealed class DashboardMarkup(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    private readonly ConditionalWeakTable<DashboardView, ConcurrentDictionary<string, Task<MarkupString>>> _views = new();

    /// <summary>The HTML of <typeparamref name="TComponent"/> for <paramref name="view"/> (and <paramref name="parameters"/>), rendered the first time it is asked for.</summary>
    public Task<MarkupString> RenderAsync<TComponent>(DashboardView view, params (string Name, object? Value)[] parameters)
        where TComponent : IComponent
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(parameters);
        var key = typeof(TComponent).Name + string.Concat(parameters.Select(p => $"|{p.Name}={p.Value}"));
        var parts = _views.GetValue(view, _ => new());
        var rendered = parts.GetOrAdd(key, _ => RenderNowAsync<TComponent>(view, parameters));
        if (rendered.IsFaulted || rendered.IsCanceled)
        {
            // Never keep a failure: the next render tries again (and the page shows the error meanwhile).
            parts.TryRemove(key, out _);
        }

        return rendered;
    }

    private async Task<MarkupString> RenderNowAsync<TComponent>(DashboardView view, (string Name, object? Value)[] parameters)
        where TComponent : IComponent
    {
        // A scope and a renderer per part: a renderer needs scoped services, and keeps every component it rendered until
        // it is disposed. The parts inject only the localizer.
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var values = new Dictionary<string, object?> { [nameof(MeasureCards.View)] = view };
        foreach (var (name, value) in parameters)
        {
            values[name] = value;
        }

        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(values))).ToHtmlString());
        return new MarkupString(html);
    }
}
