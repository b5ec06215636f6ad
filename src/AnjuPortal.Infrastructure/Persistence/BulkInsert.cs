using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace AnjuPortal.Infrastructure.Persistence;

/// <summary>
/// Multi-row <c>INSERT … VALUES (…), (…) RETURNING id</c> for one flat entity type, built from the EF model (table, column
/// names, each column's type mapping and value conversion), so it writes exactly what EF would write, without the
/// change tracker and EF's per-row command pipeline (about 30 KB allocated and ~0.2 ms per row for a household). It is
/// only the SQL half: stamps, the tenancy check and the audit record are <see cref="AppDbContext.InsertSummarizedAsync{TEntity}"/>'s.
/// Works on SQLite (3.35+), PostgreSQL and SQL Server (OUTPUT instead of RETURNING; fewer rows per statement for its
/// 2,100-parameter limit).
/// </summary>
internal sealed class BulkInsert
{
    /// <summary>
    /// Parameters per statement: SQL Server allows 2,100 and PostgreSQL 65,535. SQLite allows 32,766 but binds each named
    /// parameter by a linear search of the statement's names, so a statement's cost grows with the square of its
    /// parameters: 5,000 made it 20 times slower than EF, 500 spent half its time binding; ~100 (a few rows) is cheap.
    /// </summary>
    private const int SqlServerParameterLimit = 2_000;
    private const int SqliteParameterLimit = 100;
    private const int ParameterLimit = 10_000;
    private const int MaxRowsPerStatement = 250;
    private const int SqliteBulkCacheKiB = 16 * 1024;

    private readonly IProperty[] _columns;
    private readonly RelationalTypeMapping[] _mappings;
    private readonly string _head;
    private readonly string? _copy;
    private readonly string? _table;
    private readonly string? _keyName;
    private readonly NpgsqlDbType[]? _copyTypes;
    private readonly string _tail;
    private readonly Dictionary<int, string> _statements = [];

    private BulkInsert(IProperty[] columns, string head, string tail, int parameterLimit, (string Copy, string Table, string Key)? postgres = null)
    {
        if (postgres is { } pg && columns.Select(CopyType).ToArray() is var types && types.All(t => t is not null))
        {
            _copy = pg.Copy;
            _table = pg.Table;
            _keyName = pg.Key;
            _copyTypes = types.Select(t => t!.Value).ToArray();
        }

        _columns = columns;
        _mappings = columns.Select(c => (RelationalTypeMapping?)c.FindRelationalTypeMapping()
            ?? throw new NotSupportedException($"No type mapping for {c.DeclaringType.DisplayName()}.{c.Name}.")).ToArray();
        _head = head;
        _tail = tail;
        RowsPerStatement = Math.Max(1, Math.Min(MaxRowsPerStatement, parameterLimit / columns.Length));
    }

    public int RowsPerStatement { get; }

    /// <summary>
    /// The insert for <paramref name="type"/>: a table-mapped type with a single database-generated key, no owned or
    /// complex members and no shadow properties (a household is one); anything else is refused rather than half-written.
    /// </summary>
    public static BulkInsert For(IEntityType type, string? provider, ISqlGenerationHelper sql)
    {
        var tableName = type.GetTableName() ?? throw new NotSupportedException($"{type.DisplayName()} is not mapped to a table.");
        var table = StoreObjectIdentifier.Table(tableName, type.GetSchema());
        if (type.FindPrimaryKey()?.Properties is not [{ ValueGenerated: ValueGenerated.OnAdd } key]
            || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) || type.GetComplexProperties().Any()
            || type.GetProperties().Any(p => p.IsShadowProperty()) || type.GetDirectlyDerivedTypes().Any() || type.BaseType is not null)
        {
            throw new NotSupportedException($"{type.DisplayName()} is not a flat entity with a generated key: insert it through SaveChanges.");
        }

        var columns = type.GetProperties().Where(p => !p.IsPrimaryKey()).ToArray();
        var sqlServer = provider?.Contains("SqlServer", StringComparison.Ordinal) == true;
        var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)));
        var keyColumn = sql.DelimitIdentifier(key.GetColumnName(table)!);
        var head = sqlServer
            ? $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({names}) OUTPUT INSERTED.{keyColumn} VALUES "
            : $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({names}) VALUES ";
        var tail = sqlServer ? string.Empty : $" RETURNING {keyColumn}";
        var limit = sqlServer ? SqlServerParameterLimit : provider?.Contains("Sqlite", StringComparison.Ordinal) == true ? SqliteParameterLimit : ParameterLimit;
        var postgres = provider?.Contains("Npgsql", StringComparison.Ordinal) == true
            ? ($"COPY {sql.DelimitIdentifier(table.Name, table.Schema)} ({keyColumn}, {names}) FROM STDIN (FORMAT BINARY)", sql.DelimitIdentifier(table.Name, table.Schema), key.GetColumnName(table)!)
            : ((string, string, string)?)null;
        return new BulkInsert(columns, head, tail, limit, postgres);
    }

    /// <summary>Inserts <paramref name="rows"/> on the context's connection inside <paramref name="transaction"/>; returns the new keys (in no particular order).</summary>
    public async Task<List<int>> ExecuteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<object> rows, CancellationToken ct)
    {
        if (connection is NpgsqlConnection postgres && _copy is not null)
        {
            return await CopyAsync(postgres, transaction, rows, ct);
        }

        var ids = new List<int>(rows.Count);
        var commands = new Dictionary<int, DbCommand>();
        var sqlite = connection is Microsoft.Data.Sqlite.SqliteConnection;
        if (sqlite)
        {
            await WidenSqliteCacheAsync(connection, transaction, ct);
        }

        try
        {
            for (var start = 0; start < rows.Count; start += RowsPerStatement)
            {
                var count = Math.Min(RowsPerStatement, rows.Count - start);
                if (commands.TryGetValue(count, out var command) && sqlite)
                {
                    // SQLite: the statement stays prepared and keeps its parameters; only their values change. Preparing the
                    // statement and making its parameters anew every few rows was half of the insert's time (100,000 households).
                    SetValues(command, rows, start, count);
                }
                else
                {
                    if (command is null)
                    {
                        command = connection.CreateCommand();
                        command.Transaction = transaction;
                        command.CommandText = Statement(count);
                        commands[count] = command;
                    }

                    command.Parameters.Clear();
                    var n = 0;
                    for (var r = start; r < start + count; r++)
                    {
                        var row = rows[r];
                        for (var c = 0; c < _columns.Length; c++)
                        {
                            var value = _columns[c].GetGetter().GetClrValueUsingContainingEntity(row);
                            command.Parameters.Add(_mappings[c].CreateParameter(command, ParameterName(n++), value, _columns[c].IsNullable));
                        }
                    }

                    if (sqlite)
                    {
                        await command.PrepareAsync(ct);
                    }
                }

                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    ids.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
                }
            }
        }
        finally
        {
            foreach (var command in commands.Values)
            {
                await command.DisposeAsync();
            }
        }

        return ids.Count == rows.Count
            ? ids
            : throw new InvalidOperationException($"The bulk insert wrote {ids.Count} rows for {rows.Count}.");
    }

    /// <summary>
    /// The values of rows <paramref name="start"/>.. into the parameters <see cref="RelationalTypeMapping.CreateParameter"/>
    /// made for the first rows: the same conversion to the provider's value as the COPY path (EF's value converter, null
    /// as DBNull); the parameter's type, set from the column's mapping when it was made, stays.
    /// </summary>
    private void SetValues(DbCommand command, IReadOnlyList<object> rows, int start, int count)
    {
        var n = 0;
        for (var r = start; r < start + count; r++)
        {
            var row = rows[r];
            for (var c = 0; c < _columns.Length; c++)
            {
                command.Parameters[n++].Value = ProviderValue(c, _columns[c].GetGetter().GetClrValueUsingContainingEntity(row)) ?? DBNull.Value;
            }
        }
    }

    /// <summary>
    /// SQLite keeps 2 MiB of pages per connection by default; a bulk insert into a table with a random-keyed index (the
    /// blind index) touches pages all over it, and with 100,000 rows the inserts slowed as the index outgrew the cache.
    /// This connection (pooled, reused) keeps up to <see cref="SqliteBulkCacheKiB"/> KiB; the pages are allocated only as used.
    /// </summary>
    private static async Task WidenSqliteCacheAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var pragma = connection.CreateCommand();
        pragma.Transaction = transaction;
        pragma.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{SqliteBulkCacheKiB}");
        await pragma.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// PostgreSQL: the keys are drawn from the column's identity sequence first (one query), then the rows go in by binary
    /// COPY, keys included: no SQL to parse or plan per row. Constraints, foreign keys and indexes are checked as for an INSERT.
    /// </summary>
    private async Task<List<int>> CopyAsync(NpgsqlConnection connection, DbTransaction transaction, IReadOnlyList<object> rows, CancellationToken ct)
    {
        var ids = new List<int>(rows.Count);
        await using (var next = connection.CreateCommand())
        {
            next.Transaction = (NpgsqlTransaction)transaction;
            next.CommandText = "SELECT nextval(pg_get_serial_sequence(@table, @key)) FROM generate_series(1, @count)";
            next.Parameters.AddWithValue("table", _table!);
            next.Parameters.AddWithValue("key", _keyName!);
            next.Parameters.AddWithValue("count", rows.Count);
            await using var reader = await next.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids.Add(checked((int)reader.GetInt64(0)));
            }
        }

        await using (var copy = await connection.BeginBinaryImportAsync(_copy!, ct))
        {
            for (var r = 0; r < rows.Count; r++)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(ids[r], NpgsqlDbType.Integer, ct);
                for (var c = 0; c < _columns.Length; c++)
                {
                    var value = ProviderValue(c, _columns[c].GetGetter().GetClrValueUsingContainingEntity(rows[r]));
                    if (value is null)
                    {
                        await copy.WriteNullAsync(ct);
                    }
                    else
                    {
                        await copy.WriteAsync(value, _copyTypes![c], ct);
                    }
                }
            }

            await copy.CompleteAsync(ct);
        }

        return ids;
    }

    private object? ProviderValue(int column, object? value)
    {
        if (value is null)
        {
            return null;
        }

        if (_mappings[column].Converter is { } converter)
        {
            value = converter.ConvertToProvider(value);
        }

        return value is Enum e ? Convert.ChangeType(e, Enum.GetUnderlyingType(e.GetType()), CultureInfo.InvariantCulture) : value;
    }

    /// <summary>The COPY type of a column's provider value; null (so the INSERT path is used) for anything not listed.</summary>
    private static NpgsqlDbType? CopyType(IProperty property)
    {
        var type = property.FindRelationalTypeMapping()?.Converter?.ProviderClrType ?? property.ClrType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        type = type.IsEnum ? Enum.GetUnderlyingType(type) : type;
        return type switch
        {
            _ when type == typeof(int) => NpgsqlDbType.Integer,
            _ when type == typeof(long) => NpgsqlDbType.Bigint,
            _ when type == typeof(short) => NpgsqlDbType.Smallint,
            _ when type == typeof(bool) => NpgsqlDbType.Boolean,
            _ when type == typeof(string) => NpgsqlDbType.Text,
            _ when type == typeof(decimal) => NpgsqlDbType.Numeric,
            _ when type == typeof(double) => NpgsqlDbType.Double,
            _ when type == typeof(DateOnly) => NpgsqlDbType.Date,
            _ when type == typeof(DateTimeOffset) => NpgsqlDbType.TimestampTz,
            _ when type == typeof(Guid) => NpgsqlDbType.Uuid,
            _ => null,
        };
    }

    private string Statement(int rows)
    {
        if (_statements.TryGetValue(rows, out var text))
        {
            return text;
        }

        var s = new StringBuilder(_head, _head.Length + (rows * _columns.Length * 8) + _tail.Length);
        var n = 0;
        for (var r = 0; r < rows; r++)
        {
            s.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns.Length; c++)
            {
                s.Append(c == 0 ? string.Empty : ", ").Append(ParameterName(n++));
            }

            s.Append(')');
        }

        text = s.Append(_tail).ToString();
        _statements[rows] = text;
        return text;
    }

    private static string ParameterName(int n) => n < Names.Length ? Names[n] : "@p" + n.ToString(CultureInfo.InvariantCulture);

    private static readonly string[] Names = Enumerable.Range(0, ParameterLimit).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
}
