using System.Data.Common;
using System.Globalization;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace AnjuPortal.TestSupport.National;

/// <summary>
/// Inserts generated rows in bulk, past EF's change tracker (and so past the audit trail): SQLite through one prepared,
/// parameterised INSERT per table in one transaction with the journal in memory and no fsync; PostgreSQL through
/// binary COPY. Table and column names, store types and value converters come from the EF model, so a renamed column
/// or a new NOT NULL column fails here loudly instead of being silently skipped. For generated data only.
/// </summary>
internal sealed class BulkLoad : IAsyncDisposable
{
    private readonly AppDbContext _db;
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly bool _sqlite;
    private readonly List<(string Table, string Column)> _identityTables = [];
    private readonly (string? JournalMode, long Synchronous) _sqliteSettings;

    private BulkLoad(AppDbContext db, DbConnection connection, DbTransaction transaction, bool sqlite, (string?, long) sqliteSettings)
    {
        _db = db;
        _connection = connection;
        _transaction = transaction;
        _sqlite = sqlite;
        _sqliteSettings = sqliteSettings;
    }

    public static async Task<BulkLoad> BeginAsync(AppDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var sqlite = connection is SqliteConnection;
        (string?, long) settings = default;
        if (sqlite)
        {
            // The load's own settings, put back when it ends: no rollback journal on disk, no fsync, a large page cache.
            settings = (Convert.ToString(await ScalarAsync(connection, null, "PRAGMA journal_mode"), CultureInfo.InvariantCulture),
                Convert.ToInt64(await ScalarAsync(connection, null, "PRAGMA synchronous"), CultureInfo.InvariantCulture));
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;");
        }
        else
        {
            await ExecuteAsync(connection, null, "SET synchronous_commit = off");
            try
            {
                // Foreign keys are checked by per-row triggers, queued in memory until the end of each COPY: millions of
                // them. A superuser (the test fixture's server) can skip them for the load; the same rows are checked
                // with foreign keys on SQLite. Without the right, the load just takes longer.
                await ExecuteAsync(connection, null, "SET session_replication_role = replica");
            }
            catch (PostgresException)
            {
            }
        }

        var transaction = await connection.BeginTransactionAsync();
        return new BulkLoad(db, connection, transaction, sqlite, settings);
    }

    /// <summary>The highest id in <typeparamref name="TEntity"/>'s table (0 when empty): generated ids continue after it.</summary>
    public async Task<long> MaxIdAsync<TEntity>()
    {
        var (table, _) = Table(typeof(TEntity));
        var id = Column(typeof(TEntity), "Id");
        var value = await ScalarAsync(_connection, _transaction, $"SELECT MAX({Quote(id.Name)}) FROM {Quote(table.Name, table.Schema)}");
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> (values in the order of <paramref name="properties"/>, model property names of
    /// <typeparamref name="TEntity"/>, shadow keys included) and returns how many. Refused when the table has a NOT NULL
    /// column without a default that the rows do not fill.
    /// </summary>
    /// <param name="withoutIndexes">Drop the table's secondary indexes for the load and create them again after it (for millions of rows).</param>
    public Task<long> InsertAsync<TEntity>(IReadOnlyList<string> properties, IEnumerable<object?[]> rows, bool withoutIndexes = false)
        => InsertAsync(typeof(TEntity), properties, rows, withoutIndexes);

    public async Task<long> InsertAsync(Type entity, IReadOnlyList<string> properties, IEnumerable<object?[]> rows, bool withoutIndexes = false)
    {
        var (table, _) = Table(entity);
        var columns = properties.Select(p => Column(entity, p)).ToList();
        var missing = table.Columns
            .Where(c => !c.IsNullable && c.DefaultValueSql is null && c.DefaultValue is null && c.ComputedColumnSql is null && !columns.Contains(c))
            .Select(c => c.Name)
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The national data set does not fill the NOT NULL column(s) {string.Join(", ", missing)} of {table.Name}: the model changed; update NationalDataSet.");
        }

        if (properties.Contains("Id"))
        {
            _identityTables.Add((table.Name, Column(entity, "Id").Name));
        }

        var converters = columns.Select(c => c.PropertyMappings.First().TypeMapping.Converter).ToArray();
        if (!withoutIndexes)
        {
            return _sqlite ? InsertSqlite(table, columns, converters, rows) : await CopyPostgresAsync(table, columns, converters, rows);
        }

        // Millions of rows: the secondary indexes are dropped for the load and built again after it (a sort, instead of
        // one random B-tree insert per row, which slows down as an index outgrows the cache).
        var indexes = table.Indexes.ToList();
        foreach (var index in indexes)
        {
            await ExecuteAsync(_connection, _transaction, $"DROP INDEX {Quote(index.Name, table.Schema)}");
        }

        var count = _sqlite ? InsertSqlite(table, columns, converters, rows) : await CopyPostgresAsync(table, columns, converters, rows);
        foreach (var index in indexes)
        {
            var filter = index.Filter is null ? "" : " WHERE " + index.Filter;
            await ExecuteAsync(_connection, _transaction,
                $"CREATE {(index.IsUnique ? "UNIQUE " : "")}INDEX {Quote(index.Name)} ON {Quote(table.Name, table.Schema)} ({string.Join(", ", index.Columns.Select(c => Quote(c.Name)))}){filter}");
        }

        return count;
    }

    public async Task CommitAsync()
    {
        if (!_sqlite)
        {
            // Generated ids were given explicitly: move each identity on past them, as the database would have.
            foreach (var (table, column) in _identityTables.Distinct())
            {
                await ExecuteAsync(_connection, _transaction,
                    $"SELECT setval(pg_get_serial_sequence('{Quote(table)}', '{column}'), GREATEST((SELECT MAX({Quote(column)}) FROM {Quote(table)}), 1))");
            }
        }

        await _transaction.CommitAsync();
        if (!_sqlite)
        {
            await ExecuteAsync(_connection, null, "RESET session_replication_role");
            // Planner statistics for the new rows (autovacuum would gather them a little later on a live server).
            await ExecuteAsync(_connection, null, "ANALYZE");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        if (_sqlite && _sqliteSettings.JournalMode is { } journal)
        {
            await ExecuteAsync(_connection, null, $"PRAGMA journal_mode = {journal}; PRAGMA synchronous = {_sqliteSettings.Synchronous};");
        }

        await _db.Database.CloseConnectionAsync();
    }

    private long InsertSqlite(ITable table, List<IColumn> columns, ValueConverter?[] converters, IEnumerable<object?[]> rows)
    {
        using var command = (SqliteCommand)_connection.CreateCommand();
        command.Transaction = (SqliteTransaction)_transaction;
        command.CommandText = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null))).ToArray();
        command.Prepare();
        long count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = ToProvider(row[i], converters[i]) ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
            count++;
        }

        return count;
    }

    private async Task<long> CopyPostgresAsync(ITable table, List<IColumn> columns, ValueConverter?[] converters, IEnumerable<object?[]> rows)
    {
        var connection = (NpgsqlConnection)_connection;
        var types = columns.Select(c => StoreTypeName(c.StoreType)).ToArray();
        long count = 0;
        await using (var importer = await connection.BeginBinaryImportAsync(
            $"COPY {Quote(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)"))
        {
            // Completing a COPY of millions of rows takes the server longer than a command's default timeout.
            importer.Timeout = TimeSpan.FromHours(1);
            foreach (var row in rows)
            {
                importer.StartRow();
                for (var i = 0; i < types.Length; i++)
                {
                    var value = ToProvider(row[i], converters[i]);
                    switch (value)
                    {
                        case null:
                            importer.WriteNull();
                            break;
                        case DateTimeOffset at:
                            // timestamptz takes offset-0 values only.
                            importer.Write(at.ToUniversalTime(), types[i]);
                            break;
                        default:
                            importer.Write(value, types[i]);
                            break;
                    }
                }

                count++;
            }

            await importer.CompleteAsync();
        }

        return count;
    }

    private static object? ToProvider(object? value, ValueConverter? converter)
        => value is null ? null : converter is null ? value : converter.ConvertToProvider(value);

    /// <summary>"character varying(30)" → "character varying", "numeric(18,2)" → "numeric": what COPY's writer names a type by.</summary>
    private static string StoreTypeName(string storeType)
    {
        var paren = storeType.IndexOf('(', StringComparison.Ordinal);
        return paren < 0 ? storeType : storeType[..paren].Trim();
    }

    private (ITable Table, IEntityType Type) Table(Type entity)
    {
        var type = _db.Model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not in the model.");
        var table = type.GetTableMappings().First().Table;
        return (table, type);
    }

    private IColumn Column(Type entity, string property)
    {
        var (table, type) = Table(entity);
        var p = type.FindProperty(property) ?? throw new InvalidOperationException($"{entity.Name}.{property} is not in the model.");
        var name = p.GetColumnName(StoreObjectIdentifier.Table(table.Name, table.Schema));
        return (name is null ? null : table.FindColumn(name))
            ?? throw new InvalidOperationException($"{entity.Name}.{property} has no column in {table.Name}.");
    }

    private static string Quote(string name, string? schema = null)
        => schema is null ? $"\"{name}\"" : $"\"{schema}\".\"{name}\"";

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
