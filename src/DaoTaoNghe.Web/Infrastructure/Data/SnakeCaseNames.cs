using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DaoTaoNghe.Infrastructure.Data;

/// <summary>Renames tables, columns, keys and indexes to snake_case, the same on SQLite and PostgreSQL.</summary>
public static class SnakeCaseNames
{
    public static void Apply(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table) entity.SetTableName(ToSnake(table));
            var storeObject = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            foreach (var property in entity.GetProperties())
                property.SetColumnName(ToSnake(property.GetColumnName(storeObject) ?? property.Name));
            foreach (var key in entity.GetKeys())
                key.SetName(ToSnake(key.GetName() ?? ""));
            foreach (var foreignKey in entity.GetForeignKeys())
                foreignKey.SetConstraintName(ToSnake(foreignKey.GetConstraintName() ?? ""));
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName(ToSnake(index.GetDatabaseName() ?? ""));
        }
    }

    public static string ToSnake(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (i > 0 && name[i - 1] != '_' && (previousIsLowerOrDigit || (nextIsLower && char.IsUpper(name[i - 1]))))
                    builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else builder.Append(c);
        }
        return builder.ToString();
    }
}
