package app.rapport.web;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pages keep what they read from the database until the next committed change (see {@link DataVersion}). */
@Configuration(proxyBeanMethods = false)
class ViewCaching {

    @Bean
    static DataVersion dataVersion() {
        return new DataVersion();
    }

    /** Only a server keeps pages; command-line runs use the data source as it is. */
    @Bean
    @ConditionalOnWebApplication
    static BeanPostProcessor dataSourceWatch(DataVersion version) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource source ? version.watch(source) : bean;
            }
        };
    }
}
