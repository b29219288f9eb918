using System.Data.Common;

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
