-- what the last inbound batch did, for the Inbound Email page: visible across instances
alter table batch_lease add column started_at timestamp with time zone;
alter table batch_lease add column finished_at timestamp with time zone;
alter table batch_lease add column last_result varchar(500);
alter table batch_lease add column last_error varchar(2000);
