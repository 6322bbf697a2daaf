using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DaoTaoNghe.Data.Migrations;

[DbContext(typeof(global::DaoTaoNghe.Data.AppDbContext))]
[Migration("20261206160833_DataBreaches")]
public sealed class DataBreaches : ScriptMigration;
