using System.Text.RegularExpressions;
using AnjuPortal.Application.OverdueResettlement.Closure;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Infrastructure.Files;

/// <summary>
/// Evidence files in a local folder (<c>Evidence:Directory</c>, default <c>App_Data/attachments</c> under the content
/// root): outside wwwroot, so nothing is ever served from it except through the checked download endpoint. A file's
/// name is its generated key only (32 hex digits, in a sub-folder per first two digits); the user's file name never
/// reaches the file system. Written to a temporary name first and moved, so a half-written file is never read.
/// </summary>
public sealed partial class LocalEvidenceFileStore : IEvidenceFileStore
{
    private readonly string _root;

    public LocalEvidenceFileStore(IOptions<EvidenceOptions> options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = options.Value.Directory;
        _root = Path.GetFullPath(Path.IsPathRooted(directory) ? directory : Path.Combine(contentRoot, directory));
    }

    public string Root => _root;

    public async Task SaveAsync(string key, byte[] content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, ct);
        File.Move(temporary, path, overwrite: false);
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct = default)
    {
        var path = PathOf(key);
        return Task.FromResult<Stream?>(File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true)
            : null);
    }

    public Task DeleteAsync(string key, CancellationToken ct = default)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        if (key is null || !KeyFormat().IsMatch(key))
        {
            throw new ArgumentException("An evidence key is 32 hexadecimal digits.", nameof(key));
        }

        return Path.Combine(_root, key[..2], key);
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex KeyFormat();
}
