-- a fetched chunk is stored as one file: each message is its range of it (older rows: the whole file)
alter table inbound_message add column raw_offset bigint default 0 not null;
