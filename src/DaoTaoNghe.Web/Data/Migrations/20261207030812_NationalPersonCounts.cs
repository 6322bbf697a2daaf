using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DaoTaoNghe.Data.Migrations;

[DbContext(typeof(global::DaoTaoNghe.Data.AppDbContext))]
[Migration("20261207030812_NationalPersonCounts")]
public sealed class NationalPersonCounts : ScriptMigration;
