using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Data;

/// <summary>
/// Model parts only PostgreSQL has (trigram indexes, extensions), declared by the area that needs
/// them and applied only when the provider is Npgsql; their SQL is written into the migration's
/// <c>.postgres.sql</c> by hand.
/// </summary>
public interface IPostgresModel
{
    void Configure(ModelBuilder builder);
}
