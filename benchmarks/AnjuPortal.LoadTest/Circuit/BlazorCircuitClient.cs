using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.LoadTest.Circuit;

/// <summary>
/// A headless Blazor Server session: what blazor.web.js does for an interactive page, without a browser.
/// It fetches the prerendered page, reads the server component markers (<c>&lt;!--Blazor:{...}--&gt;</c>) and the
/// persisted state, connects to <c>/_blazor</c> over WebSockets with the "blazorpack" (MessagePack) hub protocol, calls
/// <c>StartCircuit</c> and <c>UpdateRootComponents</c>, answers every JS interop call with an empty success, applies and
/// acknowledges each render batch (<c>OnRenderCompleted</c>), and sends UI events (to the renderer's <c>DispatchEventAsync</c>, through <c>BeginInvokeDotNetFromJS</c>).
/// The protocol is internal to ASP.NET Core: this follows the .NET 10 client (CircuitManager.ts) and may need
/// adjusting when the framework moves.
/// </summary>
public sealed partial class BlazorCircuitClient : IAsyncDisposable
{
    private readonly Uri _baseAddress;
    private readonly CookieContainer _cookies;
    private readonly Lock _treeLock = new();
    private readonly List<(Func<RenderTree, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly TaskCompletionSource _rendererAttached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HubConnection? _connection;
    private HttpClient? _http;
    private string? _circuitSecret;
    private long _batchesReceived;
    private long _rendererInterop;
    private long _nextCallId;

    public BlazorCircuitClient(Uri baseAddress, CookieContainer cookies)
    {
        _baseAddress = baseAddress;
        _cookies = cookies;
    }

    /// <summary>The client's copy of the page. Read it inside <see cref="Read{T}"/> (render batches arrive on another thread).</summary>
    public RenderTree Tree { get; } = new();

    /// <summary>The first error the server reported (JS.Error) or the connection closed with, if any.</summary>
    public string? Error { get; private set; }

    public long BatchesReceived => Interlocked.Read(ref _batchesReceived);

    public T Read<T>(Func<RenderTree, T> read)
    {
        lock (_treeLock)
        {
            return read(Tree);
        }
    }

    /// <summary>Opens the page and starts its circuit; returns when the first interactive render has been applied.</summary>
    public async Task StartAsync(string path, HttpClient http, CancellationToken ct = default)
    {
        var pageUri = new Uri(_baseAddress, path);
        using var response = await http.GetAsync(pageUri, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} (signed in?).");
        }

        var html = await response.Content.ReadAsStringAsync(ct);
        var markers = ServerMarkers(html);
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{path} has no interactive server components.");
        }

        var state = PersistedState().Match(html) is { Success: true } m ? m.Groups[1].Value : string.Empty;

        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_baseAddress, "_blazor"), HttpTransportType.WebSockets, options =>
            {
                options.Cookies = _cookies;
                options.SkipNegotiation = false;
            })
            .AddBlazorPackProtocol()
            .Build();
        Subscribe(_connection);
        await _connection.StartAsync(ct);

        _http = http;
        _circuitSecret = await _connection.InvokeAsync<string?>("StartCircuit", _baseAddress.ToString(), pageUri.ToString(), "[]", state, ct);
        if (string.IsNullOrEmpty(_circuitSecret))
        {
            throw new InvalidOperationException($"The server refused the circuit: {Error}");
        }

        // blazor.web.js adds the page's components once the server renderer is attached (a JS call from the server).
        await _rendererAttached.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var operations = new JsonObject
        {
            ["batchId"] = 1,
            ["operations"] = new JsonArray(markers.Select((marker, i) => (JsonNode)new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = marker,
            }).ToArray()),
        };
        await _connection.SendAsync("UpdateRootComponents", operations.ToJsonString(), state, ct);
    }

    /// <summary>Waits until the tree satisfies the condition (checked after each render batch).</summary>
    public Task WaitForAsync(Func<RenderTree, bool> condition, TimeSpan timeout, CancellationToken ct = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_treeLock)
        {
            if (condition(Tree))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((condition, done));
        }

        return WaitCore(done, timeout, ct);
    }

    private async Task WaitCore(TaskCompletionSource done, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await done.Task.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            var page = Read(t => t.Describe());
            throw new TimeoutException(
                $"The page did not reach the expected state in {timeout.TotalSeconds:0} s{(Error is null ? string.Empty : $" ({Error})")}; "
                + $"{BatchesReceived} render batches; elements: {(page.Length > 1500 ? page[..1500] + "..." : page)}");
        }
    }

    /// <summary>Waits for the layout's marker that the circuit is live (MainLayout sets it after its first interactive render).</summary>
    public Task WaitForReadyAsync(TimeSpan timeout, CancellationToken ct = default)
        => WaitForAsync(t => t.Find(e => e.Attribute("id") == "anju-circuit-ready")?.Attribute("data-ready") == "true", timeout, ct);

    /// <summary>
    /// Sends a UI event to the element's handler and returns the time until the condition holds (or, with no
    /// condition, until the next render batch is applied): the UI round trip a user would see.
    /// </summary>
    public async Task<TimeSpan> DispatchAsync(ElementNode element, string eventName, object eventArgs, Func<RenderTree, bool>? until, TimeSpan timeout, CancellationToken ct = default)
    {
        ulong handler = 0;
        lock (_treeLock)
        {
            // As blazor.web.js delegates events: the element's own handler, else the nearest ancestor's (events bubble).
            var found = false;
            for (RenderNode? node = element; node is not null && !found; node = node.Parent)
            {
                found = node is ElementNode candidate && candidate.Events.TryGetValue(eventName, out handler);
            }

            if (!found)
            {
                throw new InvalidOperationException($"<{element.Name}> and its ancestors have no {eventName} handler.");
            }
        }

        var batchesBefore = BatchesReceived;
        // As blazor.web.js does: the renderer's interop object's DispatchEventAsync(eventDescriptor, eventArgs).
        var args = JsonSerializer.Serialize(new object[] { new { eventHandlerId = handler, eventName, eventFieldInfo = (object?)null }, eventArgs });
        var callId = Interlocked.Increment(ref _nextCallId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var watch = Stopwatch.StartNew();
        var wait = WaitForAsync(until ?? (_ => BatchesReceived > batchesBefore), timeout, ct);
        await _connection!.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", _rendererInterop, args, ct);
        await wait;
        return watch.Elapsed;
    }

    public Task<TimeSpan> ClickAsync(ElementNode element, Func<RenderTree, bool>? until, TimeSpan timeout, CancellationToken ct = default)
        => DispatchAsync(element, "click", new { type = "click", detail = 1, button = 0 }, until, timeout, ct);

    /// <summary>A changed input value (what the browser sends when a field loses focus after typing).</summary>
    public Task<TimeSpan> ChangeAsync(ElementNode element, string value, Func<RenderTree, bool>? until, TimeSpan timeout, CancellationToken ct = default)
        => DispatchAsync(element, "change", new { value }, until, timeout, ct);

    private void Subscribe(HubConnection connection)
    {
        connection.On<long, byte[]>("JS.RenderBatch", async (batchId, data) =>
        {
            string? failure = null;
            lock (_treeLock)
            {
                try
                {
                    Tree.Apply(data);
                }
                catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
                {
                    failure = ex.Message;
                    Error ??= $"Render batch {batchId}: {ex.Message}";
                }

                Interlocked.Increment(ref _batchesReceived);
                CheckWaiters();
            }

            await connection.SendAsync("OnRenderCompleted", batchId, failure);
        });

        // asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType: every call succeeds with no value.
        connection.On<long, string, string, int, long, int>("JS.BeginInvokeJS", async (asyncHandle, identifier, argsJson, _, _, _) =>
        {
            if (identifier.EndsWith("attachWebRendererInterop", StringComparison.Ordinal))
            {
                // [rendererId, DotNetObjectReference to the renderer's interop methods, ...]: events go to that object.
                _rendererInterop = JsonNode.Parse(argsJson)?[1]?["__dotNetObject"]?.GetValue<long>()
                    ?? throw new InvalidOperationException($"Unexpected attachWebRendererInterop arguments: {argsJson}");
                _rendererAttached.TrySetResult();
            }

            if (asyncHandle != 0)
            {
                await connection.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, $"[{asyncHandle},true,null]");
            }
        });

        connection.On<string>("JS.Error", error =>
        {
            Error ??= error;
            FailWaiters();
        });

        connection.On<int, string>("JS.AttachComponent", (_, _) => { });
        connection.On<long>("JS.EndUpdateRootComponents", _ => { });
        connection.On<string, bool, string>("JS.EndInvokeDotNet", (_, success, result) =>
        {
            if (!success)
            {
                Error ??= $"A .NET call failed: {result}";
                FailWaiters();
            }
        });
        connection.Closed += ex =>
        {
            Error ??= ex is null ? "Connection closed." : $"Connection closed: {ex.Message}";
            FailWaiters();
            return Task.CompletedTask;
        };
    }

    private void CheckWaiters()
    {
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_waiters[i].Condition(Tree))
            {
                _waiters[i].Done.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }

    private void FailWaiters()
    {
        lock (_treeLock)
        {
            foreach (var (_, done) in _waiters)
            {
                done.TrySetException(new InvalidOperationException($"The circuit failed: {Error}"));
            }

            _waiters.Clear();
        }
    }

    /// <summary>The server component start markers in document order (end markers carry only the prerender id).</summary>
    internal static List<JsonNode> ServerMarkers(string html)
    {
        var markers = new List<JsonNode>();
        foreach (Match match in Marker().Matches(html))
        {
            var node = JsonNode.Parse(match.Groups[1].Value);
            if (node?["type"]?.GetValue<string>() == "server" && node["descriptor"] is not null)
            {
                markers.Add(node);
            }
        }

        return markers;
    }

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex PersistedState();

    /// <summary>
    /// Closes the connection and, like a browser tab being closed, tells the server to drop the circuit at once
    /// (POST _blazor/disconnect): otherwise the server keeps it as a disconnected circuit for the retention period.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_http is not null && _circuitSecret is not null)
        {
            try
            {
                using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["circuitId"] = _circuitSecret });
                using var _ = await _http.PostAsync(new Uri(_baseAddress, "_blazor/disconnect"), form);
            }
            catch (HttpRequestException)
            {
                // The portal is gone already.
            }
        }
    }
}

/// <summary>SignalR's MessagePack hub protocol under the name the Blazor hub accepts ("blazorpack").</summary>
internal sealed class BlazorPackHubProtocol(IHubProtocol inner) : IHubProtocol
{
    public string Name => "blazorpack";

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
        => inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);
}

internal static class BlazorPackRegistration
{
    /// <summary>Registers MessagePack as "blazorpack" and no other protocol.</summary>
    public static IHubConnectionBuilder AddBlazorPackProtocol(this IHubConnectionBuilder builder)
    {
        builder.AddMessagePackProtocol();
        var services = builder.Services;
        var existing = services.Where(d => d.ServiceType == typeof(IHubProtocol)).ToList();
        foreach (var descriptor in existing)
        {
            services.Remove(descriptor);
        }

        services.AddSingleton<IHubProtocol>(sp => new BlazorPackHubProtocol(ActivatorUtilities.CreateInstance<MessagePackHubProtocol>(sp)));
        return builder;
    }
}
