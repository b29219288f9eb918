using System.Data.Common;
using System.Globalization;

namespace Clearance.Storage.Ledger;

/// <summary>
/// One parameterised SQL statement reused for many rows in a transaction, so each engine prepares it once.
/// Values only ever travel as parameters: no text from input is spliced into SQL.
/// </summary>
internal sealed class Statement : IDisposable
{
    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;

    public Statement(DbConnection connection, DbTransaction transaction, string sql, params string[] names)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql;
        _parameters = new DbParameter[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = "@" + names[i];
            _command.Parameters.Add(parameter);
            _parameters[i] = parameter;
        }
    }

    /// <summary>"INSERT ... ON CONFLICT (key) DO UPDATE SET ..." for a current-state table; the first column is the key.</summary>
    public static Statement Upsert(DbConnection connection, DbTransaction transaction, string table, params string[] columns)
    {
        var sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))}) " +
                  $"ON CONFLICT ({columns[0]}) DO UPDATE SET {string.Join(", ", columns.Skip(1).Select(c => $"{c} = excluded.{c}"))}";
        return new Statement(connection, transaction, sql, columns);
    }

    public int Run(params object?[] values)
    {
        for (var i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}

/// <summary>
/// Many rows into one table (optionally upserted) through one prepared statement reused for every chunk of rows.
/// On PostgreSQL a chunk is a multi-row INSERT of up to 64 rows, so a batch of thousands of rows costs tens of round
/// trips instead of thousands. On SQLite, which runs in process, a chunk is one row: SQLite looks parameters up by
/// name with a linear scan, so a statement with hundreds of parameters costs more than it saves. Call
/// <see cref="Flush"/> after the last row, before the table is read or the transaction committed.
/// </summary>
internal sealed class RowInserts : IDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _table;
    private readonly string[] _columns;
    private readonly bool _upsert;
    private readonly int _chunkRows;
    private readonly object?[] _pending;
    private int _rows;
    private Statement? _full;

    public RowInserts(DbConnection connection, DbTransaction transaction, string table, string[] columns, bool upsert = false)
    {
        _connection = connection;
        _transaction = transaction;
        _table = table;
        _columns = columns;
        _upsert = upsert;
        _chunkRows = connection is Microsoft.Data.Sqlite.SqliteConnection ? 1 : 64;
        _pending = new object?[_chunkRows * columns.Length];
    }

    public void Add(params object?[] values)
    {
        values.CopyTo(_pending, _rows * _columns.Length);
        if (++_rows == _chunkRows)
        {
            Flush();
        }
    }

    public void Flush()
    {
        if (_rows == 0)
        {
            return;
        }

        if (_rows == _chunkRows)
        {
            (_full ??= Create(_chunkRows)).Run(_pending);
        }
        else
        {
            using var partial = Create(_rows);
            partial.Run(_pending[..(_rows * _columns.Length)]);
        }

        _rows = 0;
    }

    public void Dispose() => _full?.Dispose();

    private Statement Create(int rows)
    {
        var columns = _columns;
        var names = new string[rows * columns.Length];
        var values = new string[rows];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns.Length; column++)
            {
                names[(row * columns.Length) + column] = string.Create(CultureInfo.InvariantCulture, $"{columns[column]}_{row}");
            }

            values[row] = "(" + string.Join(", ", names.Skip(row * columns.Length).Take(columns.Length).Select(n => "@" + n)) + ")";
        }

        var sql = $"INSERT INTO {_table} ({string.Join(", ", columns)}) VALUES {string.Join(", ", values)}" +
                  (_upsert ? $" ON CONFLICT ({columns[0]}) DO UPDATE SET {string.Join(", ", columns.Skip(1).Select(c => $"{c} = excluded.{c}"))}" : "");
        return new Statement(_connection, _transaction, sql, names);
    }
}
