using System.Buffers.Binary;
using System.Text;

namespace AnjuPortal.LoadTest.Circuit;

/// <summary>A node of the client-side copy of the rendered page (what the browser's DOM would hold).</summary>
public abstract class RenderNode
{
    public ContainerNode? Parent { get; internal set; }
}

public abstract class ContainerNode : RenderNode
{
    public List<RenderNode> Children { get; } = [];

    internal void Insert(int index, RenderNode child)
    {
        child.Parent = this;
        Children.Insert(Math.Min(index, Children.Count), child);
    }
}

public sealed class TextNode(string text) : RenderNode
{
    public string Text { get; set; } = text;
}

public sealed class MarkupNode(string markup) : RenderNode
{
    public string Markup { get; set; } = markup;
}

/// <summary>A component's place in the tree: its rendered output are the children (a "logical container", as in blazor.web.js).</summary>
public sealed class ComponentNode(int componentId) : ContainerNode
{
    public int ComponentId { get; } = componentId;
}

public sealed class ElementNode(string name) : ContainerNode
{
    public string Name { get; } = name;

    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Event name without "on" (click, change, input) to the server's handler id.</summary>
    public Dictionary<string, ulong> Events { get; } = new(StringComparer.Ordinal);

    public string? Attribute(string name) => Attributes.GetValueOrDefault(name);

    public string TextContent()
    {
        var text = new StringBuilder();
        Collect(this, text);
        return text.ToString();
    }

    private static void Collect(RenderNode node, StringBuilder text)
    {
        switch (node)
        {
            case TextNode t:
                text.Append(t.Text);
                break;
            case MarkupNode m:
                text.Append(m.Markup);
                break;
            case ContainerNode c:
                foreach (var child in c.Children)
                {
                    Collect(child, text);
                }

                break;
        }
    }
}

/// <summary>
/// Applies Blazor Server render batches (the binary format blazor.web.js reads) to a tree of nodes, the way the
/// browser's renderer applies them to the DOM: enough to find elements, their text and their event handler ids.
/// Regions are flattened into their parent; components are containers, filled by their own diffs.
/// </summary>
public sealed class RenderTree
{
    private const int EditSize = 16;

    private readonly Dictionary<int, ComponentNode> _components = [];
    private readonly List<ComponentNode> _roots = [];

    public int BatchesApplied { get; private set; }

    public IEnumerable<ElementNode> Elements()
    {
        foreach (var root in _roots.ToList())
        {
            foreach (var element in Walk(root))
            {
                yield return element;
            }
        }
    }

    /// <summary>The elements that carry a data-testid, with their event handlers: for failure messages.</summary>
    public string Describe()
        => string.Join(' ', Elements().Where(e => e.Attribute("data-testid") is not null)
            .Select(e => e.Events.Count == 0 ? e.Attribute("data-testid") : $"{e.Attribute("data-testid")}[{string.Join(',', e.Events.Keys)}]"));

    public ElementNode? FindByTestId(string testId) => Elements().FirstOrDefault(e => e.Attribute("data-testid") == testId);

    public ElementNode? Find(Func<ElementNode, bool> predicate) => Elements().FirstOrDefault(predicate);

    public void Apply(ReadOnlySpan<byte> data)
    {
        var updatedComponents = ReadInt(data, data.Length - 20);
        var referenceFrames = ReadInt(data, data.Length - 16);
        var disposedComponents = ReadInt(data, data.Length - 12);
        var stringTable = ReadInt(data, data.Length - 4);
        var strings = ReadStrings(data, stringTable, data.Length - 20);

        var frameCount = ReadInt(data, referenceFrames);
        var frameSize = frameCount == 0 ? 20 : (disposedComponents - referenceFrames - 4) / frameCount;
        var frames = new Frames(data.Slice(referenceFrames + 4, frameCount * frameSize).ToArray(), frameSize, strings);

        var diffCount = ReadInt(data, updatedComponents);
        for (var i = 0; i < diffCount; i++)
        {
            var diffAt = ReadInt(data, updatedComponents + 4 + (i * 4));
            var componentId = ReadInt(data, diffAt);
            var editCount = ReadInt(data, diffAt + 4);
            ApplyDiff(Component(componentId), data.Slice(diffAt + 8, editCount * EditSize), editCount, frames, strings);
        }

        var disposedCount = ReadInt(data, disposedComponents);
        for (var i = 0; i < disposedCount; i++)
        {
            var id = ReadInt(data, disposedComponents + 4 + (i * 4));
            if (_components.Remove(id, out var node))
            {
                _roots.Remove(node);
            }
        }

        BatchesApplied++;
    }

    private ComponentNode Component(int componentId)
    {
        if (!_components.TryGetValue(componentId, out var node))
        {
            // A component first seen in a diff, not as a child frame: a root component (HeadOutlet, Routes).
            node = new ComponentNode(componentId);
            _components[componentId] = node;
            _roots.Add(node);
        }

        return node;
    }

    private void ApplyDiff(ComponentNode component, ReadOnlySpan<byte> edits, int count, Frames frames, string?[] strings)
    {
        ContainerNode parent = component;
        var permutation = new List<(int From, int To)>();
        for (var i = 0; i < count; i++)
        {
            var edit = edits.Slice(i * EditSize, EditSize);
            var type = ReadInt(edit, 0);
            var sibling = ReadInt(edit, 4);
            var reference = ReadInt(edit, 8);
            switch (type)
            {
                case 1: // PrependFrame
                    InsertFrame(parent, sibling, frames, reference);
                    break;
                case 2: // RemoveFrame
                    if (sibling < parent.Children.Count)
                    {
                        parent.Children.RemoveAt(sibling);
                    }

                    break;
                case 3: // SetAttribute
                    if (ChildAt(parent, sibling) is ElementNode target)
                    {
                        ApplyAttribute(target, frames, reference);
                    }

                    break;
                case 4: // RemoveAttribute
                    if (ChildAt(parent, sibling) is ElementNode element && ReadString(edit, 12, strings) is { } name)
                    {
                        element.Attributes.Remove(name);
                        if (name.StartsWith("on", StringComparison.Ordinal))
                        {
                            element.Events.Remove(name[2..]);
                        }
                    }

                    break;
                case 5: // UpdateText
                    if (ChildAt(parent, sibling) is TextNode text)
                    {
                        text.Text = frames.String(reference, 4) ?? string.Empty;
                    }

                    break;
                case 6: // StepIn
                    parent = ChildAt(parent, sibling) as ContainerNode ?? throw new InvalidOperationException($"Step into a non-container at {sibling}.");
                    break;
                case 7: // StepOut
                    parent = parent.Parent ?? component;
                    break;
                case 8: // UpdateMarkup
                    if (ChildAt(parent, sibling) is MarkupNode markup)
                    {
                        markup.Markup = frames.String(reference, 4) ?? string.Empty;
                    }

                    break;
                case 9: // PermutationListEntry (sibling = from, reference = to)
                    permutation.Add((sibling, reference));
                    break;
                case 10: // PermutationListEnd
                    var before = parent.Children.ToList();
                    foreach (var (from, to) in permutation)
                    {
                        parent.Children[to] = before[from];
                    }

                    permutation.Clear();
                    break;
                default:
                    throw new InvalidOperationException($"Unknown render tree edit type {type}.");
            }
        }
    }

    private static RenderNode? ChildAt(ContainerNode parent, int index) => index < parent.Children.Count ? parent.Children[index] : null;

    /// <summary>Inserts the frame (and its subtree) at the index; returns how many nodes it added to the parent.</summary>
    private int InsertFrame(ContainerNode parent, int childIndex, Frames frames, int frameIndex)
    {
        switch (frames.Type(frameIndex))
        {
            case 1: // Element
            {
                var element = new ElementNode(frames.String(frameIndex, 8) ?? string.Empty);
                parent.Insert(childIndex, element);
                var end = frameIndex + frames.Int(frameIndex, 4);
                for (var d = frameIndex + 1; d < end; d++)
                {
                    if (frames.Type(d) == 3)
                    {
                        ApplyAttribute(element, frames, d);
                    }
                    else
                    {
                        InsertRange(element, 0, frames, d, end);
                        break;
                    }
                }

                return 1;
            }

            case 2: // Text
                parent.Insert(childIndex, new TextNode(frames.String(frameIndex, 4) ?? string.Empty));
                return 1;
            case 8: // Markup
                parent.Insert(childIndex, new MarkupNode(frames.String(frameIndex, 4) ?? string.Empty));
                return 1;
            case 4: // Component: its content arrives in its own diff
            {
                var id = frames.Int(frameIndex, 8);
                var node = new ComponentNode(id);
                _components[id] = node;
                parent.Insert(childIndex, node);
                return 1;
            }

            case 5: // Region: flattened into the parent
                return InsertRange(parent, childIndex, frames, frameIndex + 1, frameIndex + frames.Int(frameIndex, 4));
            default: // Reference captures, render modes, named events: nothing in the DOM
                return 0;
        }
    }

    private int InsertRange(ContainerNode parent, int childIndex, Frames frames, int start, int endExclusive)
    {
        var origin = childIndex;
        for (var index = start; index < endExclusive; index++)
        {
            childIndex += InsertFrame(parent, childIndex, frames, index);
            var type = frames.Type(index);
            if (type is 1 or 4 or 5)
            {
                index += frames.Int(index, 4) - 1;
            }
        }

        return childIndex - origin;
    }

    private static void ApplyAttribute(ElementNode element, Frames frames, int frameIndex)
    {
        var name = frames.String(frameIndex, 4) ?? string.Empty;
        var handler = frames.ULong(frameIndex, 12);
        if (handler != 0)
        {
            element.Events[name.StartsWith("on", StringComparison.Ordinal) ? name[2..] : name] = handler;
            return;
        }

        var value = frames.String(frameIndex, 8);
        if (value is null)
        {
            element.Attributes.Remove(name);
        }
        else
        {
            element.Attributes[name] = value;
        }
    }

    private static IEnumerable<ElementNode> Walk(ContainerNode node)
    {
        foreach (var child in node.Children.ToList())
        {
            if (child is ElementNode element)
            {
                yield return element;
            }

            if (child is ContainerNode container)
            {
                foreach (var inner in Walk(container))
                {
                    yield return inner;
                }
            }
        }
    }

    private static int ReadInt(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadInt32LittleEndian(data.Slice(offset, 4));

    private static string? ReadString(ReadOnlySpan<byte> data, int offset, string?[] strings)
    {
        var index = ReadInt(data, offset);
        return index >= 0 ? strings[index] : null;
    }

    /// <summary>The string table: UTF-8 strings with a LEB128 length prefix, then their offsets (up to the section index).</summary>
    private static string?[] ReadStrings(ReadOnlySpan<byte> data, int tableStart, int tableEnd)
    {
        var count = (tableEnd - tableStart) / 4;
        var strings = new string?[count];
        for (var i = 0; i < count; i++)
        {
            var at = ReadInt(data, tableStart + (i * 4));
            var length = 0;
            var shift = 0;
            byte b;
            do
            {
                b = data[at++];
                length |= (b & 0x7f) << shift;
                shift += 7;
            }
            while (b >= 0x80);

            strings[i] = Encoding.UTF8.GetString(data.Slice(at, length));
        }

        return strings;
    }

    private sealed class Frames(byte[] data, int size, string?[] strings)
    {
        public int Type(int index) => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan((index * size), 4));

        public int Int(int index, int offset) => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan((index * size) + offset, 4));

        public ulong ULong(int index, int offset) => size >= offset + 8 ? BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan((index * size) + offset, 8)) : 0;

        public string? String(int index, int offset)
        {
            var i = Int(index, offset);
            return i >= 0 ? strings[i] : null;
        }
    }
}
