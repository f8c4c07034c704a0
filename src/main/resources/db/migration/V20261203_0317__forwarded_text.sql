-- a message forwarded inside an emailed reply ("FYI" and the forward): kept with the update,
-- shown collapsed under "Forwarded message" on the case page
alter table case_update add column forwarded_text varchar(1000000);
