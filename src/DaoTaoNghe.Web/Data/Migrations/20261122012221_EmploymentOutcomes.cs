using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DaoTaoNghe.Data.Migrations;

[DbContext(typeof(AppDbContext))]
[Migration("20261122012221_EmploymentOutcomes")]
public sealed class EmploymentOutcomes : ScriptMigration;
