-- GET /operations/cases lists a region's or a stage's cases oldest submission first (order by submitted_on, case_id).
-- Without an index in that order the planner walks ops_case_submitted and filters, reading every case older than the
-- page: measured on 347,000 generated cases (PostgreSQL 15), page 100 of a small region 55.6 ms -> 9.4 ms, its first
-- page 2.6 ms -> 0.3 ms, page 100 of a stage 14.2 ms -> 4.8 ms. (A region and a stage together keep
-- ops_case_region_stage.)
create index ops_case_region_order on ops_case (region, submitted_on, case_id);
create index ops_case_stage_order on ops_case (stage, submitted_on, case_id);
