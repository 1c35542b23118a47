-- Run once by the postgres image on an empty data volume: one database per service.
CREATE DATABASE application_service;
CREATE DATABASE document_service;
CREATE DATABASE scheduling_service;
CREATE DATABASE notification_service;
CREATE DATABASE operations_service;
